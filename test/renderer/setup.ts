import { configure } from '@testing-library/react';

// A busy machine renders slowly: findBy… and waitFor wait on the state for up to 10 s, not 1 s.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no layout: scrolling is a no-op here, as it has nothing to scroll.
Element.prototype.scrollIntoView = function scrollIntoView() {};
window.scrollTo = () => undefined;
