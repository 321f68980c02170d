import { eachDayOfInterval, format, parseISO } from 'date-fns';

/**
 * The register's charts, drawn with plain elements: a few bars need no chart
 * library, and every bar carries its value as text for a screen reader and
 * for print.
 */

export interface Bar {
  key: string;
  label: string;
  /** 0–1: the bar's length. */
  fraction: number;
  value: string;
}

export function BarList({ bars }: { bars: Bar[] }) {
  return (
    <ul className="bar-list">
      {bars.map((bar) => (
        <li key={bar.key}>
          <span className="bar-label">{bar.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(1, bar.fraction)) * 100}%` }} />
          </span>
          <span className="bar-value">{bar.value}</span>
        </li>
      ))}
    </ul>
  );
}

interface Day {
  day: string;
  calls: number;
}

/** Calls per day as columns; the days between the first and the last with no call are drawn as gaps. */
export function DayColumns({ days, label }: { days: Day[]; label: (day: Day) => string }) {
  const max = Math.max(1, ...days.map((d) => d.calls));
  const counts = new Map(days.map((d) => [d.day, d.calls]));
  const all =
    days.length === 0
      ? []
      : eachDayOfInterval({ start: parseISO(days[0]!.day), end: parseISO(days.at(-1)!.day) }).map((date) => {
          const day = format(date, 'yyyy-MM-dd');
          return { day, calls: counts.get(day) ?? 0 };
        });
  const shown = all.slice(-62); // two months fit the window; the export has every day
  return (
    <ol className="day-columns">
      {shown.map((d) => (
        <li key={d.day} title={label(d)} aria-label={label(d)}>
          <span className="day-column" style={{ height: `${(d.calls / max) * 100}%` }} />
          <span className="day-tick" aria-hidden="true">
            {d.day.slice(8)}
          </span>
        </li>
      ))}
    </ol>
  );
}
