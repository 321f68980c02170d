import { useCallback } from 'react';

/**
 * A ref that keeps a CSS variable on the page equal to its element's height,
 * so what sticks below it (the call's guide under the title bar) and what
 * scrolls into view (a ticked row) keep clear of it whatever the text size,
 * the language or the tabs' wrapping. A callback ref: it follows the element
 * however late it is rendered.
 */
export function useStickyHeight(variable: string): (element: HTMLElement | null) => (() => void) | undefined {
  return useCallback(
    (element: HTMLElement | null) => {
      if (!element) return undefined;
      const root = document.documentElement;
      const update = () => root.style.setProperty(variable, `${element.offsetHeight}px`);
      update();
      // Environments without it (a test's DOM) keep the first height.
      if (typeof ResizeObserver === 'undefined') return undefined;
      const observer = new ResizeObserver(update);
      observer.observe(element);
      return () => {
        observer.disconnect();
        root.style.removeProperty(variable);
      };
    },
    [variable],
  );
}
