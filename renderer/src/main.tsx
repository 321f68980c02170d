import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './components/App';
import { i18n } from './i18n';
import { onDraftError } from './stores/draft-writer';
import './styles.css';

onDraftError((error) => console.warn('Nie zapisano stanu rozmowy w toku:', error));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
