import { useEffect } from 'react';
import { refreshTeamStatus, useAppStore } from './app-store';

/** How often the window asks how the copies to the team folder or database are doing (each ask is also a delivery attempt). */
export const TEAM_STATUS_POLL_MS = 30_000;

/** Keeps the team copy's status fresh while team mode is on, so the banner appears and goes by itself. */
export function useTeamStatus(lastSavedId: string | null): void {
  // The place copies go to (a folder, or a database's address): a new place is asked about at once.
  const place = useAppStore((s) => s.team.teamFolder ?? s.team.teamDatabase?.url ?? null);
  // Asked again right after each save too: the clerk should not learn half a minute late that the copy is gone.
  useEffect(() => {
    if (!place) return;
    let live = true;
    const ask = () => {
      if (live) void refreshTeamStatus();
    };
    void ask();
    const timer = setInterval(ask, TEAM_STATUS_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [place, lastSavedId]);
}
