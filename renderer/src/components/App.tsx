import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHotkeys } from '../hooks/use-hotkeys';
import { useAppStore, type View } from '../stores/app-store';
import { useCallStore } from '../stores/call-store';
import { onDraftWrite } from '../stores/draft-writer';
import { ActiveCallView } from './ActiveCallView';
import { HistoryView } from './HistoryView';
import { IdleView } from './IdleView';
import { Notices } from './Notices';
import { ProfileForm } from './ProfileForm';
import { Toast } from './Toast';
import { WrapUpView } from './WrapUpView';

const VIEWS: View[] = ['call', 'history', 'profile'];

export function App() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const profile = useAppStore((s) => s.profile);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const load = useAppStore((s) => s.load);
  const showToast = useAppStore((s) => s.showToast);
  const phase = useCallStore((s) => s.state.phase);
  const lastSavedId = useCallStore((s) => s.lastSavedId);
  useHotkeys();

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => onDraftWrite((error) => useAppStore.getState().setDraftError(error)), []);

  useEffect(() => {
    if (lastSavedId) showToast(t('wrapUp.savedToast'));
  }, [lastSavedId, showToast, t]);

  if (status === 'loading') return <p className="center muted">{t('app.loading')}</p>;
  if (status === 'failed') {
    return (
      <div className="center" role="alert">
        <p>{t('app.startFailed')}</p>
        <button type="button" className="button primary" onClick={() => void load()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }

  // A call in progress owns the screen: nothing else to click past with a person on the line.
  const inCall = phase !== 'idle';
  const shown: View = !profile ? 'profile' : inCall ? 'call' : view;

  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('app.name')}</h1>
        {profile && !inCall && (
          <nav aria-label={t('nav.label')}>
            {VIEWS.map((v) => (
              <button
                key={v}
                type="button"
                className={`tab${shown === v ? ' active' : ''}`}
                aria-current={shown === v ? 'page' : undefined}
                onClick={() => setView(v)}
              >
                {t(`nav.${v}`)}
              </button>
            ))}
          </nav>
        )}
      </header>
      <Notices />
      <main>
        {shown === 'profile' && <ProfileForm />}
        {shown === 'history' && <HistoryView />}
        {shown === 'call' && <CallScreen />}
      </main>
      <Toast />
    </div>
  );
}

function CallScreen() {
  const state = useCallStore((s) => s.state);
  if (state.phase === 'in-call') return <ActiveCallView call={state.call} />;
  if (state.phase === 'wrap-up') return <WrapUpView call={state.call} outcome={state.outcome} note={state.note} />;
  return <IdleView />;
}
