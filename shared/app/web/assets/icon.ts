/** The page's icon (a small map pin on a document), as SVG. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="5" y="3" width="22" height="26" rx="3" fill="#12355b"/><path d="M10 10h12M10 15h12M10 20h7" stroke="#fff" stroke-width="2" stroke-linecap="round"/><circle cx="23" cy="23" r="5" fill="#ffd166"/></svg>`;
