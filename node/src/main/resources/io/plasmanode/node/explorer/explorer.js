// Keeps an explorer page current: polls the node's live token (data-live-url) every 2 s and, when
// it changed, fetches this page again and swaps its <main> (and title) in, unless refused (e.g. 429:
// then it tries again). Same origin only; no inline code, no external resources (the
// Content-Security-Policy allows neither).
(function () {
  'use strict';
  var POLL_MILLIS = 2000;
  var body = document.body;
  var url = body.getAttribute('data-live-url');
  var token = body.getAttribute('data-live');
  var state = document.getElementById('live-state');
  if (!url || token === null) {
    return;
  }

  function show(text) {
    if (state) {
      state.textContent = text;
    }
  }

  function reload() {
    return fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text().then(function (text) {
          var fresh = new DOMParser().parseFromString(text, 'text/html');
          var main = fresh.getElementById('main');
          var current = document.getElementById('main');
          if (main && current) {
            current.replaceWith(document.importNode(main, true));
            document.title = fresh.title;
          }
          show('Updated ' + new Date().toLocaleTimeString() + '.');
        });
      });
  }

  function poll() {
    fetch(url, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (fresh) {
        if (fresh !== token) {
          // The token moves only once the page did: a refused reload (429) is tried again.
          return reload().then(function () {
            token = fresh;
            body.setAttribute('data-live', fresh);
          });
        }
        return undefined;
      })
      .catch(function () {
        show('The node does not answer; retrying.');
      })
      .then(function () {
        window.setTimeout(poll, POLL_MILLIS);
      });
  }

  show('Live.');
  window.setTimeout(poll, POLL_MILLIS);
})();
