/** @jsxImportSource hono/jsx */
/**
 * The page shell served at `/`: header, navigation and an empty main area. The script fills the
 * main area with views fetched from `/ui/…` (with the sign-in token on AWS), so the shell itself
 * holds no data and can be served before sign-in.
 */
import type { Child } from 'hono/jsx';
import type { Identity } from '../../api/identity';

export interface SignIn {
  /** `none`: nothing to sign in to (npm start); `token`: the local bearer token; `cognito`: the hosted UI. */
  kind: 'none' | 'token' | 'cognito';
  domain?: string;
  clientId?: string;
  scopes?: string[];
}

export function Shell(props: { signIn: SignIn; assets: { css: string; js: string; icon: string } }) {
  const s = props.signIn;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>GCM tagger</title>
        <link rel="icon" type="image/svg+xml" href={props.assets.icon} />
        <link rel="stylesheet" href={props.assets.css} />
        <script src={props.assets.js} defer></script>
      </head>
      <body
        data-auth={s.kind}
        data-cognito-domain={s.domain}
        data-cognito-client-id={s.clientId}
        data-cognito-scopes={s.scopes?.join(' ')}
      >
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <p class="brand">
            <a href="#/">GCM tagger</a>
            <span class="tagline">Migration policy documents by element of the Global Compact</span>
          </p>
          <nav aria-label="Main">
            <ul>
              <li><a href="#/">Elements</a></li>
              <li><a href="#/upload">Upload</a></li>
              <li><a href="#/documents">Documents</a></li>
              <li><a href="#/coverage">Coverage</a></li>
              <li><a href="#/reviews">Reviews</a></li>
            </ul>
          </nav>
          <div class="who" id="who"></div>
        </header>
        <main id="main" tabindex={-1}>
          <noscript>
            <p>This page needs JavaScript: it signs you in and loads each view. The same data is available from the API and the command line (see the README).</p>
          </noscript>
          <p class="loading">Loading…</p>
        </main>
      </body>
    </html>
  );
}

/** The root of every view: its title for the browser tab, and who is looking (the script shows it in the header). */
export function View(props: { title: string; identity?: Identity; reviewer: boolean; children: Child }) {
  return (
    <section class="view" data-title={props.title} data-user={props.identity?.name ?? ''} data-reviewer={props.reviewer ? 'yes' : 'no'}>
      {props.children}
    </section>
  );
}

/** A view that could not be shown, in words, with what to do. */
export function ErrorView(props: { status: number; message: string }) {
  return (
    <section class="view" data-title="Problem">
      <h1 tabindex={-1}>{props.status === 404 ? 'Not found' : 'Something went wrong'}</h1>
      <p class="error" role="alert">
        {props.message}
      </p>
      <p>
        <a href="#/">Back to the elements</a>
      </p>
    </section>
  );
}
