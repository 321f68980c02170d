import { useEffect, useState } from 'react';

/**
 * `value` once it has stopped changing for `ms`: what is costly to work out
 * from a large form (checking a whole directory, building its search) waits
 * for a pause in the typing instead of following every key.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, settled, ms]);
  return settled;
}
