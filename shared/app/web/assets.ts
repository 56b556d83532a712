/** The page's static files, served from this origin under /assets/, each with a content hash for caching. */
import { createHash } from 'node:crypto';
import { ICON_SVG } from './assets/icon';
import { APP_JS } from './assets/script';
import { STYLE_CSS } from './assets/style';

export interface Asset {
  body: string;
  type: string;
  hash: string;
}

function asset(body: string, type: string): Asset {
  return { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

export const ASSETS: Record<string, Asset> = {
  'app.js': asset(APP_JS, 'text/javascript; charset=utf-8'),
  'app.css': asset(STYLE_CSS, 'text/css; charset=utf-8'),
  'icon.svg': asset(ICON_SVG, 'image/svg+xml'),
};

/** `/assets/<name>?v=<hash>`: a new hash whenever the file changes, so browsers never keep an old copy. */
export function assetPath(name: keyof typeof ASSETS & string): string {
  return `/assets/${name}?v=${ASSETS[name].hash}`;
}
