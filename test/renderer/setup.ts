// jsdom has no layout: scrolling is a no-op here, as it has nothing to scroll.
Element.prototype.scrollIntoView = function scrollIntoView() {};
window.scrollTo = () => undefined;
