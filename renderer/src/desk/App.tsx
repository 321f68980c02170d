import { lazy, memo, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackStatus } from '../../../shared/callbacks/callbacks';
import { useHotkeys } from '../keys/use-hotkeys';
import { useNow } from '../ui/use-now';
import { useStickyHeight } from '../ui/use-sticky-height';
import { isDesktop } from '../api/platform';
import { useShell } from './use-shell';
import { useTeamStatus } from './use-team-status';
import { useAppStore, type View } from './app-store';
import { useCallStore } from '../call/call-store';
import { useCallbacksStore } from '../callbacks/callbacks-store';
import { useDeskStore } from './desk-store';
import { useUnsavedChanges } from '../directory/editor-store';
import { onDraftWrite } from '../call/draft-writer';
import { ReadyCallView } from '../call/ReadyCallView';
import { useKeptUntilPainted } from '../call/frames';
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

// The lead's directory editor, loaded when first opened.
const DirectoryEditorView = lazy(() => import('../directory/DirectoryEditorView').then((m) => ({ default: m.DirectoryEditorView })));

const NAV: View[] = ['call', 'callbacks', 'history', 'register', 'directory', 'settings'];

export function App() {
  return (
    <>
      <ShellLink />
      <AppFrame />
    </>
  );
}

/**
 * The desktop shell's link (global hotkeys, the tray's call timer). A part of
 * its own because it follows the call's start: the rest of the window need
 * not render again for it.
 */
function ShellLink(): null {
  useShell();
  return null;
}

function AppFrame() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const startRefused = useAppStore((s) => s.startRefused);
  const profile = useAppStore((s) => s.profile);
  const load = useAppStore((s) => s.load);
  const showToast = useAppStore((s) => s.showToast);
  const lastSavedId = useCallStore((s) => s.lastSavedId);
  const hidden = useDeskStore((s) => s.hidden);
  useHotkeys();
  useTeamStatus(lastSavedId);
  // Compact is the desktop overlay's small window; a browser tab has room for the full view.
  const compact = useAppStore((s) => s.preferences.compact) && isDesktop();

  useEffect(() => {
    void load();
  }, [load]);

  // A new call: what was said of the last one ("saved") is no longer true of the screen.
  useEffect(
    () =>
      useCallStore.subscribe((now, before) => {
        if (now.state.phase === 'in-call' && before.state.phase !== 'in-call') showToast(null);
      }),
    [showToast],
  );

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

  // What follows the call's phase is rendered by the parts that show it (the
  // tabs, the view): a call starting does not render the whole app again.
  return (
    <div className={`app${compact && profile ? ' compact' : ''}`}>
      <header className="topbar" ref={topbar}>
        <h1>{t('app.name')}</h1>
        <TitleBarButtons />
        {profile && <Nav />}
      </header>
      <Notices />
      {profile && <DeskBar />}
      {profile && <DeescalationCard />}
      {profile && <CallbackReminders />}
      <Toast />
      <main>
        <Screens />
      </main>
    </div>
  );
}

/** A call in progress owns the screen: nothing else to click past with a person on the line. */
function useInCall(): boolean {
  return useCallStore((s) => s.state.phase !== 'idle');
}

/** The view shown: the profile first; during a call, the call; otherwise the tab chosen. */
function useShownView(): View {
  const hasProfile = useAppStore((s) => s.profile !== null);
  const view = useAppStore((s) => s.view);
  const editor = useAppStore((s) => s.preferences.directoryEditor);
  const inCall = useInCall();
  // The editor's tab switched off while open: back to the call screen.
  return !hasProfile ? 'settings' : inCall ? 'call' : view === 'directory' && !editor ? 'call' : view;
}

function Screens() {
  const { t } = useTranslation();
  const shown = useShownView();
  return (
    <>
      {shown === 'settings' && <SettingsView />}
      {shown === 'shift' && <ShiftView />}
      {shown === 'callbacks' && <CallbacksView />}
      {shown === 'history' && <HistoryView />}
      {shown === 'register' && (
        <Suspense fallback={<p className="center muted">{t('app.loading')}</p>}>
          <RegisterView />
        </Suspense>
      )}
      {shown === 'directory' && (
        <Suspense fallback={<p className="center muted">{t('app.loading')}</p>}>
          <DirectoryEditorView />
        </Suspense>
      )}
      <CallScreen shown={shown === 'call'} />
    </>
  );
}

/**
 * The tabs, hidden during a call. Hidden rather than taken off the page: a
 * call starting then changes one attribute here, not the title bar's contents.
 */
function Nav() {
  const { t } = useTranslation();
  const shown = useShownView();
  const inCall = useInCall();
  return (
    <nav aria-label={t('nav.label')} hidden={inCall}>
      <Tabs shown={shown} />
    </nav>
  );
}

const Tabs = memo(function Tabs({ shown }: { shown: View }) {
  const { t } = useTranslation();
  const setView = useAppStore((s) => s.setView);
  const callbacks = useCallbacksStore((s) => s.callbacks);
  const now = useNow(30_000);
  const due = callbacks.filter((cb) => callbackStatus(cb.dueAt, now) !== 'upcoming').length;
  const editor = useAppStore((s) => s.preferences.directoryEditor);
  const unsaved = useUnsavedChanges();
  return (
    <>
      {NAV.filter((v) => v !== 'directory' || editor).map((v) => (
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
          {v === 'directory' && unsaved > 0 && (
            <span className="count" aria-label={t('nav.unsavedCount', { count: unsaved })}>
              {unsaved}
            </span>
          )}
        </button>
      ))}
    </>
  );
});

/**
 * The call tab: the idle screen, the call in progress, or its wrap-up. The
 * call's screen stays mounted even while another tab is open, made ready off
 * the page for the next call (see ReadyCallView).
 */
function CallScreen({ shown }: { shown: boolean }) {
  const state = useCallStore((s) => s.state);
  const idle = shown && state.phase === 'idle';
  const live = shown && state.phase === 'in-call';
  // When a call starts, the idle screen leaves once the call's screen is drawn (see IdleView).
  const idleKept = useKeptUntilPainted(idle) && (idle || live);
  return (
    <>
      <ReadyCallView live={live} call={state.phase === 'in-call' ? state.call : null} />
      {idleKept && <IdleView hidden={!idle} />}
      {shown && state.phase === 'wrap-up' && <WrapUpView call={state.call} outcome={state.outcome} note={state.note} />}
    </>
  );
}
