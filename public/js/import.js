// The page of an import in progress follows its job: every 2 s it reads itself again and puts the
// new state in the progress region (announced by screen readers), until the import ends; when
// it stops, the page is read again whole (it then offers to start the import again).
// Without JavaScript, the link « Actualiser l’avancement » does the same.
(function () {
  'use strict';
  var region = document.getElementById('import-progress');
  if (!region || region.getAttribute('data-state') !== 'en-cours') return;

  function follow() {
    fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var page = new window.DOMParser().parseFromString(html, 'text/html');
        var next = page.getElementById('import-progress');
        if (!next) return;
        var state = next.getAttribute('data-state');
        if (state === 'arrete' || state === 'echec') {
          // Stopped: the page offers to start it again, with a form of its own.
          window.location.reload();
          return;
        }
        region.innerHTML = next.innerHTML;
        region.setAttribute('data-state', state);
        if (state === 'en-cours') window.setTimeout(follow, 2000);
      })
      .catch(function () {
        window.setTimeout(follow, 5000);
      });
  }
  window.setTimeout(follow, 2000);
})();
