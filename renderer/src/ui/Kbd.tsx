/** A key as the person presses it; hidden from screen readers, which get aria-keyshortcuts instead. */
export function Kbd({ children }: { children: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {children}
    </kbd>
  );
}
