import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { mainContentId } from '../components/skip-link.tsx';

/**
 * After a client-side navigation, move focus to the main region so screen-reader and keyboard
 * users start at the new page's content (not on the link they activated). Skips the first render.
 */
export function useFocusMainOnNavigate(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById(mainContentId)?.focus({ preventScroll: false });
  }, [pathname]);
}
