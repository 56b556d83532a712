/**
 * The page's script: signs in (the local bearer token, or Cognito's hosted UI with PKCE), loads
 * views from /ui/… into the page, sends uploads straight to S3 through presigned POSTs and follows
 * them, records review decisions, and downloads CSV/JSONL with the sign-in token. Plain ES2019, no
 * dependencies. Kept as a string module, like the style sheet, so every runtime serves it without a
 * build step; it must therefore contain no backquote and no dollar-brace. The browser tests
 * (test/browser) exercise it in Chromium.
 */
export const APP_JS = String.raw`(function () {
  'use strict';

  var body = document.body;
  var main = document.getElementById('main');
  var who = document.getElementById('who');
  var AUTH = body.getAttribute('data-auth') || 'none';
  var COGNITO = {
    domain: body.getAttribute('data-cognito-domain') || '',
    clientId: body.getAttribute('data-cognito-client-id') || '',
    scopes: body.getAttribute('data-cognito-scopes') || 'openid'
  };
  var TOKEN_KEY = 'gcm.token';
  var PKCE_KEY = 'gcm.signin';
  var TERMINAL = { tagged: true, 'needs-ocr': true, failed: true };
  var STATE_WORDS = {
    uploading: 'Uploading',
    waiting: 'Waiting to be processed',
    received: 'Received',
    processing: 'Being read and tagged',
    'ocr-pending': 'Scanned pages being read by text recognition (OCR)',
    tagged: 'Tagged',
    'needs-ocr': 'Needs text recognition (OCR)',
    failed: 'Failed'
  };

  // ---- sign-in ----------------------------------------------------------------------------

  function readToken() {
    try {
      var t = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
      if (t && t.accessToken && (!t.expiresAt || t.expiresAt > Date.now() + 30000)) return t;
    } catch (e) { /* unreadable: sign in again */ }
    return null;
  }
  function saveToken(t) { sessionStorage.setItem(TOKEN_KEY, JSON.stringify(t)); }
  function clearToken() { sessionStorage.removeItem(TOKEN_KEY); }

  function SignInNeeded() { this.name = 'SignInNeeded'; }

  function request(path, options) {
    options = options || {};
    var headers = new Headers(options.headers || {});
    var token = readToken();
    if (token) headers.set('Authorization', 'Bearer ' + token.accessToken);
    return fetch(path, Object.assign({}, options, { headers: headers, credentials: 'same-origin' })).then(function (res) {
      if (res.status === 401 && AUTH !== 'none') {
        clearToken();
        showSignIn('Your session has ended or the sign-in was not accepted. Please sign in.');
        throw new SignInNeeded();
      }
      return res;
    });
  }

  function base64url(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function redirectUri() { return location.origin + '/'; }

  function beginCognitoSignIn() {
    var verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    var state = base64url(crypto.getRandomValues(new Uint8Array(16)));
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
      sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier: verifier, state: state, back: location.hash || '#/' }));
      var q = new URLSearchParams({
        response_type: 'code',
        client_id: COGNITO.clientId,
        redirect_uri: redirectUri(),
        scope: COGNITO.scopes,
        state: state,
        code_challenge: base64url(new Uint8Array(digest)),
        code_challenge_method: 'S256'
      });
      location.assign(COGNITO.domain + '/oauth2/authorize?' + q.toString());
    });
  }

  function claimsOf(jwt) {
    try {
      var part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch (e) { return {}; }
  }

  /** Back from the hosted UI with ?code=…: exchange it (PKCE) for tokens, then drop it from the address. */
  function finishCognitoSignIn(params) {
    var saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
    sessionStorage.removeItem(PKCE_KEY);
    var back = (saved && saved.back) || '#/';
    history.replaceState(null, '', '/' + back);
    if (!saved || saved.state !== params.get('state')) return Promise.reject(new Error('The sign-in could not be completed (it did not start from this page). Please sign in again.'));
    var form = new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: COGNITO.clientId,
      code: params.get('code'),
      redirect_uri: redirectUri(),
      code_verifier: saved.verifier
    });
    return fetch(COGNITO.domain + '/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString()
    }).then(function (res) {
      if (!res.ok) throw new Error('The sign-in service did not accept the sign-in. Please sign in again.');
      return res.json();
    }).then(function (t) {
      var id = claimsOf(t.id_token || '');
      saveToken({
        accessToken: t.access_token,
        expiresAt: Date.now() + (Number(t.expires_in) || 3600) * 1000,
        name: id.email || id['cognito:username'] || ''
      });
    });
  }

  function signOut() {
    clearToken();
    if (AUTH === 'cognito') {
      var q = new URLSearchParams({ client_id: COGNITO.clientId, logout_uri: redirectUri() });
      location.assign(COGNITO.domain + '/logout?' + q.toString());
    } else {
      showSignIn('Signed out.');
    }
  }

  function showSignIn(note) {
    who.textContent = '';
    var section = el('section', { className: 'view signin' });
    var h1 = el('h1', { tabIndex: -1, textContent: 'Sign in' });
    section.appendChild(h1);
    if (note) section.appendChild(el('p', { textContent: note }));
    if (AUTH === 'cognito') {
      section.appendChild(el('p', { textContent: 'Sign in with your account of the secretariat. Reviewers can then confirm or reject tags.' }));
      section.appendChild(el('button', { type: 'button', id: 'signin-button', textContent: 'Sign in' }));
    } else {
      var form = el('form', { id: 'token-form' });
      var label = el('label', { textContent: 'Access token' });
      var input = el('input', { type: 'password', name: 'token', autocomplete: 'current-password', required: true });
      label.appendChild(input);
      form.appendChild(el('p', { textContent: 'This server asks for the token it was started with (GCM_API_TOKEN).' }));
      form.appendChild(label);
      form.appendChild(el('button', { type: 'submit', textContent: 'Sign in' }));
      section.appendChild(form);
    }
    main.textContent = '';
    main.appendChild(section);
    document.title = 'Sign in · GCM tagger';
    h1.focus();
  }

  // ---- views ------------------------------------------------------------------------------

  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { node[k] = props[k]; });
    return node;
  }

  /** '#/elements/k?process=x' → '/elements/k?process=x'; '#/' → '/home'; in-page anchors → null. */
  function currentRoute() {
    var h = location.hash;
    if (!h || h === '#' || h === '#/') return '/home';
    if (h.indexOf('#/') !== 0) return null;
    return h.slice(1);
  }

  function section(route) {
    var name = route.split('?')[0].split('/')[1] || 'home';
    return name === 'elements' ? 'home' : name;
  }

  var loadCount = 0;

  function load(after) {
    var route = currentRoute();
    if (route === null) return Promise.resolve();
    var mine = ++loadCount;
    main.setAttribute('aria-busy', 'true');
    return request('/ui' + route, { headers: { Accept: 'text/html' } })
      .then(function (res) {
        var type = res.headers.get('content-type') || '';
        return res.text().then(function (text) {
          if (type.indexOf('text/html') !== 0) throw new Error('The server answered ' + res.status + ' instead of the page.');
          return text;
        });
      })
      .then(function (html) {
        if (mine !== loadCount) return;
        main.innerHTML = html;
        afterRender(route, after);
      })
      .catch(function (err) {
        if (err instanceof SignInNeeded || mine !== loadCount) return;
        main.textContent = '';
        var s = el('section', { className: 'view' });
        var h1 = el('h1', { tabIndex: -1, textContent: 'This view could not be loaded' });
        s.appendChild(h1);
        s.appendChild(el('p', { className: 'error', textContent: (err && err.message && err.message.indexOf('answered') > 0 ? err.message + ' ' : '') + 'Check the connection and try again.' }));
        main.appendChild(s);
        h1.focus();
      })
      .then(function () { if (mine === loadCount) main.removeAttribute('aria-busy'); });
  }

  function afterRender(route, after) {
    var view = main.querySelector('.view');
    if (view) document.title = (view.getAttribute('data-title') || 'GCM tagger') + ' · GCM tagger';
    showWho(view);
    var current = section(route);
    document.querySelectorAll('header nav a').forEach(function (a) {
      var target = section(a.getAttribute('href').slice(1) || '/');
      if (target === current) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    if (current === 'upload') renderUploads();
    if (after) return after();
    var wanted = new URLSearchParams(route.split('?')[1] || '').get('paragraph');
    var target = wanted !== null ? document.getElementById('p-' + wanted) : null;
    if (target) {
      target.classList.add('focus');
      target.tabIndex = -1;
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
      return;
    }
    window.scrollTo(0, 0);
    var h1 = main.querySelector('h1');
    if (h1) h1.focus({ preventScroll: true });
  }

  function showWho(view) {
    who.textContent = '';
    var name = view ? view.getAttribute('data-user') : '';
    var token = readToken();
    if (token && token.name) name = token.name;
    if (name) who.appendChild(el('span', { textContent: name + (view && view.getAttribute('data-reviewer') === 'yes' ? ' (reviewer)' : '') }));
    if (AUTH !== 'none') who.appendChild(el('button', { type: 'button', className: 'secondary small', id: 'signout-button', textContent: 'Sign out' }));
  }

  /** Reload the current view in place (after a review), keeping the reader where they were. */
  function reload(after) {
    var y = window.scrollY;
    return load(function () {
      window.scrollTo(0, y);
      if (after) after();
    });
  }

  // ---- reviews ----------------------------------------------------------------------------

  function submitReview(form, submitter) {
    var decision = submitter && submitter.value;
    if (!decision) return;
    var status = form.querySelector('.review-status');
    var element, verdict;
    if (decision === 'add') {
      element = form.elements.addElement.value;
      verdict = 'add';
      if (!element) {
        status.textContent = 'Choose the element to add first.';
        form.elements.addElement.focus();
        return;
      }
    } else {
      verdict = decision.split(':')[0];
      element = decision.split(':')[1];
    }
    var payload = { documentId: form.getAttribute('data-document'), paragraphIndex: Number(form.getAttribute('data-paragraph')), element: element, verdict: verdict };
    var comment = form.elements.comment.value.trim();
    if (comment) payload.comment = comment;
    var buttons = form.querySelectorAll('button');
    buttons.forEach(function (b) { b.disabled = true; });
    status.textContent = 'Saving…';
    var id = 'p-' + form.getAttribute('data-paragraph');
    request('/ui/api/reviews', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) })
      .then(function (res) {
        return res.json().then(function (answer) {
          if (!res.ok) throw new Error(answer && answer.error ? answer.error.message : 'The decision was not saved (' + res.status + ').');
        });
      })
      .then(function () {
        return reload(function () {
          var p = document.getElementById(id);
          if (!p) return;
          var s = p.querySelector('.review-status');
          if (s) s.textContent = 'Saved: ' + (verdict === 'reject' ? 'rejected' : verdict === 'add' ? 'added' : 'confirmed') + ' (' + element + ').';
          p.tabIndex = -1;
          p.focus({ preventScroll: true });
        });
      })
      .catch(function (err) {
        if (err instanceof SignInNeeded) return;
        buttons.forEach(function (b) { b.disabled = false; });
        status.textContent = err.message;
        status.classList.add('error');
      });
  }

  // ---- downloads --------------------------------------------------------------------------

  function download(button) {
    var label = button.textContent;
    button.disabled = true;
    button.textContent = 'Preparing…';
    request(button.getAttribute('data-download'))
      .then(function (res) {
        if (!res.ok) throw new Error('The download failed (' + res.status + ').');
        return res.blob();
      })
      .then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el('a', { href: url, download: button.getAttribute('data-filename') || 'download' });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      })
      .catch(function (err) { if (!(err instanceof SignInNeeded)) alert(err.message); })
      .then(function () {
        button.disabled = false;
        button.textContent = label;
      });
  }

  // ---- uploads ----------------------------------------------------------------------------

  var chosen = [];
  var uploads = [];
  var uploadCount = 0;

  function isPdfName(name) { return /\.pdf$/i.test(name); }

  function choose(files) {
    for (var i = 0; i < files.length; i++) {
      var f = files[i];
      if (isPdfName(f.name)) chosen.push(f);
      else track({ name: f.name, state: 'failed', message: 'Not uploaded: only PDF files (ending in .pdf) are accepted.' });
    }
    showChosen();
  }

  function showChosen() {
    var p = document.getElementById('upload-chosen');
    if (!p) return;
    p.textContent = chosen.length
      ? chosen.length + (chosen.length === 1 ? ' file' : ' files') + ' ready: ' + chosen.map(function (f) { return f.name; }).join(', ') + '. Press Upload to send.'
      : 'No files chosen yet.';
  }

  function problem(message) {
    var p = document.getElementById('upload-problem');
    if (!p) return;
    p.textContent = message || '';
    p.hidden = !message;
  }

  function startUploads(form) {
    problem('');
    if (!chosen.length) return problem('Choose or drop at least one PDF file first.');
    var meta = {};
    ['process', 'type', 'meetingDate'].forEach(function (name) {
      var v = form.elements[name].value.trim();
      if (v) meta[name] = v;
    });
    if (meta.meetingDate && !/^\d{4}-\d{2}-\d{2}$/.test(meta.meetingDate)) return problem('The meeting date must be a date such as 2024-03-05.');
    var files = chosen;
    chosen = [];
    showChosen();
    form.elements.files.value = '';
    files.forEach(function (file) { uploadOne(file, meta); });
  }

  function track(u) {
    u.id = ++uploadCount;
    uploads.unshift(u);
    renderUploads();
    return u;
  }

  function update(u, state, message) {
    u.state = state;
    u.message = message;
    renderUploads();
  }

  function uploadOne(file, meta) {
    var u = track({ name: file.name, state: 'uploading', message: 'Sending the file…' });
    request('/ui/api/uploads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.assign({ filename: file.name, contentLength: file.size }, meta))
    })
      .then(function (res) {
        return res.json().then(function (target) {
          if (!res.ok) throw new Error(target && target.error ? target.error.message : 'The upload was refused (' + res.status + ').');
          return target;
        });
      })
      .then(function (target) {
        var form = new FormData();
        Object.keys(target.fields).forEach(function (k) { form.append(k, target.fields[k]); });
        form.append('file', file);
        return fetch(target.url, { method: 'POST', body: form }).then(function (res) {
          if (!res.ok) throw new Error('The storage did not accept the file (' + res.status + '). Check that it is a PDF within the size limit.');
          u.key = target.key;
          u.since = target.issuedAt;
          update(u, 'waiting', 'Uploaded; waiting to be processed.');
          follow(u, 1000);
        });
      })
      .catch(function (err) {
        update(u, 'failed', err instanceof SignInNeeded ? 'Not uploaded: sign in, then upload the file again.' : 'Not uploaded: ' + err.message);
      });
  }

  function follow(u, delay) {
    request('/ui/api/uploads/status?' + new URLSearchParams({ key: u.key, since: u.since }).toString())
      .then(function (res) { return res.json(); })
      .then(function (s) {
        u.documentId = s.documentId;
        u.addresses = s.addresses || [];
        u.reason = s.reason;
        update(u, s.state, s.message || STATE_WORDS[s.state] || s.state);
        if (!TERMINAL[s.state]) setTimeout(function () { follow(u, Math.min(delay * 1.3, 5000)); }, delay);
      })
      .catch(function (err) {
        if (err instanceof SignInNeeded) return update(u, u.state, 'Sign in again to follow this upload.');
        setTimeout(function () { follow(u, 5000); }, 5000);
      });
  }

  function renderUploads() {
    var list = document.getElementById('upload-list');
    if (!list) return;
    list.textContent = '';
    if (!uploads.length) {
      list.appendChild(el('li', { className: 'empty', textContent: 'Nothing uploaded yet.' }));
      return;
    }
    uploads.forEach(function (u) {
      var li = el('li', { className: 'upload-item' });
      li.setAttribute('data-state', u.state);
      li.appendChild(el('span', { className: 'file', textContent: u.name }));
      li.appendChild(el('span', { className: 'state ' + u.state, textContent: STATE_WORDS[u.state] || u.state }));
      var detail = el('p', { className: 'detail' });
      if (u.state === 'tagged') {
        detail.appendChild(document.createTextNode(u.addresses && u.addresses.length
          ? 'Addresses ' + u.addresses.map(function (e) { return '(' + e + ')'; }).join(', ') + '. '
          : 'Addresses no element. '));
      } else if (u.message && u.message !== STATE_WORDS[u.state]) {
        detail.appendChild(document.createTextNode(u.message + ' '));
      }
      if (u.documentId && TERMINAL[u.state]) detail.appendChild(el('a', { href: '#/documents/' + u.documentId, textContent: 'Open the document' }));
      if (u.state === 'failed' && u.reason) detail.appendChild(el('span', { className: 'technical', textContent: ' (' + u.reason + ')' }));
      li.appendChild(detail);
      list.appendChild(li);
    });
  }

  // ---- events -----------------------------------------------------------------------------

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (form.matches('form[data-route]')) {
      ev.preventDefault();
      var params = new URLSearchParams();
      new FormData(form).forEach(function (v, k) { if (typeof v === 'string' && v.trim() !== '') params.append(k, v.trim()); });
      var q = params.toString();
      var next = '#' + form.getAttribute('data-route') + (q ? '?' + q : '');
      if (location.hash === next) load();
      else location.hash = next;
    } else if (form.matches('.review-form')) {
      ev.preventDefault();
      submitReview(form, ev.submitter);
    } else if (form.id === 'upload-form') {
      ev.preventDefault();
      startUploads(form);
    } else if (form.id === 'token-form') {
      ev.preventDefault();
      saveToken({ accessToken: form.elements.token.value.trim(), name: '' });
      load();
    }
  });

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var dl = t.closest('[data-download]');
    if (dl) { ev.preventDefault(); download(dl); return; }
    if (t.id === 'signin-button') beginCognitoSignIn();
    if (t.id === 'signout-button') signOut();
  });

  document.addEventListener('change', function (ev) {
    if (ev.target && ev.target.id === 'upload-files') choose(ev.target.files);
  });

  function dropzoneOf(ev) { return ev.target instanceof Element ? ev.target.closest('#dropzone') : null; }
  document.addEventListener('dragover', function (ev) {
    var zone = dropzoneOf(ev);
    if (!zone) return;
    ev.preventDefault();
    zone.classList.add('over');
  });
  document.addEventListener('dragleave', function (ev) {
    var zone = dropzoneOf(ev);
    if (zone) zone.classList.remove('over');
  });
  document.addEventListener('drop', function (ev) {
    var zone = dropzoneOf(ev);
    if (!zone) return;
    ev.preventDefault();
    zone.classList.remove('over');
    if (ev.dataTransfer && ev.dataTransfer.files) choose(ev.dataTransfer.files);
  });

  window.addEventListener('hashchange', function () { load(); });

  function boot() {
    var params = new URLSearchParams(location.search);
    var signingIn = AUTH === 'cognito' && params.get('code') ? finishCognitoSignIn(params) : Promise.resolve();
    signingIn.then(function () {
      if (AUTH !== 'none' && !readToken()) return showSignIn();
      return load();
    }, function (err) { showSignIn(err.message); });
  }

  boot();
})();
`;
