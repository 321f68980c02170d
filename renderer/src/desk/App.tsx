import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackStatus } from '../../../shared/callbacks/callbacks';
import { useHotkeys } from '../keys/use-hotkeys';
import { useNow } from '../ui/use-now';
import { useStickyHeight } from '../ui/use-sticky-height';
import { isDesktop } from '../api/instance';
import { useShell } from './use-shell';
import { useTeamStatus } from './use-team-status';
import { useAppStore, type View } from './app-store';
import { useCallStore } from '../call/call-store';
import { useCallbacksStore } from '../callbacks/callbacks-store';
import { useDeskStore } from './desk-store';
import { onDraftWrite } from '../call/draft-writer';
import { ActiveCallView } from '../call/ActiveCallView';
import { CallbackReminders } from '../callbacks/CallbackReminders';
import { CallbacksView } from '../callbacks/CallbacksView';
import { HistoryView } from './HistoryView';
import { IdleView } from './IdleView';
import { DeescalationCard } from '../call/DeescalationCard';
import { DeskBar } from './DeskBar';
import { Notices } from './Notices';
import { PrivacyScreen } from './PrivacyScreen';
import { SettingsView } from '../settings/SettingsView';
import { ShiftView } from './ShiftView';
import { TitleBarButtons } from './TitleBarButtons';
import { Toast } from './Toast';
import { WrapUpView } from '../call/WrapUpView';

// The team lead's register (its table, charts and their libraries) is loaded when first opened, not with the call screen.
const RegisterView = lazy(() => import('../register/RegisterView').then((m) => ({ default: m.RegisterView })));

const NAV: View[] = ['call', 'callbacks', 'history', 'register', 'settings'];

export function App() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const startRefused = useAppStore((s) => s.startRefused);
  const profile = useAppStore((s) => s.profile);
  const view = useAppStore((s) => s.view);
  const load = useAppStore((s) => s.load);
  const showToast = useAppStore((s) => s.showToast);
  const phase = useCallStore((s) => s.state.phase);
  const lastSavedId = useCallStore((s) => s.lastSavedId);
  const hidden = useDeskStore((s) => s.hidden);
  useHotkeys();
  useTeamStatus(lastSavedId);
  useShell();
  // Compact is the desktop overlay's small window; a browser tab has room for the full view.
  const compact = useAppStore((s) => s.preferences.compact) && isDesktop();

  useEffect(() => {
    void load();
  }, [load]);

  // A new call: what was said of the last one ("saved") is no longer true of the screen.
  useEffect(() => {
    if (phase === 'in-call') showToast(null);
  }, [phase, showToast]);

  useEffect(() => onDraftWrite((error) => useAppStore.getState().setDraftError(error)), []);

  // What sticks below the title bar (the call's guide) and what scrolls into view keep clear of it.
  const topbar = useStickyHeight('--topbar-h');

  useEffect(() => {
    if (!lastSavedId) return;
    showToast(t('wrapUp.savedToast'));
    // The restored call, if it was one, is now saved: its notice has done its job.
    useAppStore.setState((s) => ({ notices: s.notices.filter((n) => n.code !== 'draft-restored') }));
  }, [lastSavedId, showToast, t]);

  if (status === 'loading') return <p className="center muted">{t('app.loading')}</p>;
  if (status === 'failed') {
    return (
      <div className="center" role="alert">
        <p>{t(startRefused ? 'app.startRefused' : 'app.startFailed')}</p>
        {/* Refused: trying the same address again cannot help; the right address does. */}
        {!startRefused && (
          <button type="button" className="button primary" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        )}
      </div>
    );
  }

  if (hidden) return <PrivacyScreen />;

  // A call in progress owns the screen: nothing else to click past with a person on the line.
  const inCall = phase !== 'idle';
  const shown: View = !profile ? 'settings' : inCall ? 'call' : view;

  return (
    <div className={`app${compact && profile ? ' compact' : ''}`}>
      <header className="topbar" ref={topbar}>
        <h1>{t('app.name')}</h1>
        <TitleBarButtons />
        {profile && !inCall && <Nav shown={shown} />}
      </header>
      <Notices />
      {profile && <DeskBar />}
      {profile && <DeescalationCard />}
      {profile && <CallbackReminders />}
      <Toast />
      <main>
        {shown === 'settings' && <SettingsView />}
        {shown === 'shift' && <ShiftView />}
        {shown === 'callbacks' && <CallbacksView />}
        {shown === 'history' && <HistoryView />}
        {shown === 'register' && (
          <Suspense fallback={<p className="center muted">{t('app.loading')}</p>}>
            <RegisterView />
          </Suspense>
        )}
        {shown === 'call' && <CallScreen />}
      </main>
    </div>
  );
}

function Nav({ shown }: { shown: View }) {
  const { t } = useTranslation();
  const setView = useAppStore((s) => s.setView);
  const callbacks = useCallbacksStore((s) => s.callbacks);
  const now = useNow(30_000);
  const due = callbacks.filter((cb) => callbackStatus(cb.dueAt, now) !== 'upcoming').length;
  return (
    <nav aria-label={t('nav.label')}>
      {NAV.map((v) => (
        <button
          key={v}
          type="button"
          className={`tab${shown === v ? ' active' : ''}`}
          aria-current={shown === v ? 'page' : undefined}
          onClick={() => setView(v)}
        >
          {t(`nav.${v}`)}
          {v === 'callbacks' && due > 0 && (
            <span className="count" aria-label={t('nav.dueCount', { count: due })}>
              {due}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}

function CallScreen() {
  const state = useCallStore((s) => s.state);
  if (state.phase === 'in-call') return <ActiveCallView call={state.call} />;
  if (state.phase === 'wrap-up') return <WrapUpView call={state.call} outcome={state.outcome} note={state.note} />;
  return <IdleView />;
}
