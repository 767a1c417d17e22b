/*
 * Progressive enhancement of the questionnaire. Every page works without this file; with it:
 * focus on the error summary, follow-up questions shown only when relevant, live character
 * counters, territory lists loaded as you choose, and a filter over long commune lists.
 */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // Error summary: move focus there so screen readers announce it.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // Conditional follow-ups.
  function controlValues(form, name) {
    var values = [];
    Array.prototype.forEach.call(form.querySelectorAll('[name="' + name + '"]'), function (el) {
      if (el.type === 'radio' || el.type === 'checkbox' ? el.checked : el.tagName === 'SELECT')
        values.push(el.value);
    });
    return values;
  }
  function updateConditionals(form) {
    Array.prototype.forEach.call(form.querySelectorAll('[data-show-if]'), function (block) {
      var shown =
        controlValues(form, block.getAttribute('data-show-if')).indexOf(
          block.getAttribute('data-equals'),
        ) !== -1;
      block.hidden = !shown;
      var note = block.querySelector('.conditional__note');
      if (note) note.hidden = true;
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('form'), function (form) {
    if (!form.querySelector('[data-show-if]')) return;
    updateConditionals(form);
    form.addEventListener('change', function () {
      updateConditionals(form);
    });
  });

  // Character counters.
  Array.prototype.forEach.call(
    document.querySelectorAll('textarea[data-maxlength]'),
    function (area) {
      var max = Number(area.getAttribute('data-maxlength'));
      var counter = document.querySelector('[data-count-for="' + area.id + '"]');
      if (!counter) return;
      var live = document.createElement('p');
      live.className = 'visually-hidden';
      live.setAttribute('aria-live', 'polite');
      counter.parentNode.insertBefore(live, counter.nextSibling);
      var timer;
      function render() {
        var length = area.value.replace(/\r\n/g, '\n').length;
        var left = max - length;
        var text =
          left >= 0
            ? 'Il vous reste ' + left.toLocaleString('fr-FR') + ' caractère' + (left > 1 ? 's' : '')
            : 'Vous avez ' +
              (-left).toLocaleString('fr-FR') +
              ' caractère' +
              (-left > 1 ? 's' : '') +
              ' en trop';
        counter.textContent = text;
        counter.classList.toggle('char-count--over', left < 0);
        clearTimeout(timer);
        timer = setTimeout(function () {
          live.textContent = text;
        }, 800);
      }
      area.addEventListener('input', render);
      render();
    },
  );

  // Territory: région → département → communes without reloading the page.
  function fill(select, items, placeholder, label) {
    var current = select.value;
    select.innerHTML = '';
    var first = document.createElement('option');
    first.value = '';
    first.textContent = placeholder;
    select.appendChild(first);
    items.forEach(function (item) {
      var option = document.createElement('option');
      option.value = item.code;
      option.textContent = label(item);
      if (item.code === current) option.selected = true;
      select.appendChild(option);
    });
  }
  function load(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-territory]'), function (box) {
    var region = box.querySelector('[data-role="region"]');
    var department = box.querySelector('[data-role="department"]');
    function communeSelects() {
      return box.querySelectorAll('[data-role="commune"]');
    }

    region.addEventListener('change', function () {
      if (!region.value) return fill(department, [], 'Choisissez d’abord la région', String);
      var chosen = region.value;
      load('/api/departements/' + encodeURIComponent(chosen)).then(function (list) {
        // Arrow keys go through several choices: an answer for an earlier one is ignored.
        if (region.value !== chosen) return;
        department.value = '';
        fill(department, list, 'Choisissez le département', function (d) {
          return d.code + ' – ' + d.nom;
        });
        Array.prototype.forEach.call(communeSelects(), function (s) {
          fill(s, [], 'Choisissez d’abord le département', String);
        });
      });
    });
    department.addEventListener('change', function () {
      if (!department.value) return;
      var chosen = department.value;
      load('/api/communes/' + encodeURIComponent(chosen)).then(function (list) {
        if (department.value !== chosen) return;
        Array.prototype.forEach.call(communeSelects(), function (s) {
          s.value = '';
          fill(s, list, 'Choisissez la commune', function (c) {
            return c.nom;
          });
        });
      });
    });

    // A filter above each commune list: type a few letters to shorten it.
    Array.prototype.forEach.call(communeSelects(), function (select, i) {
      var label = document.createElement('label');
      label.className = 'label';
      label.setAttribute('for', select.id + '-filtre');
      label.textContent = 'Rechercher une commune dans la liste ' + (i + 1);
      var input = document.createElement('input');
      input.type = 'search';
      input.className = 'input input--w20';
      input.id = select.id + '-filtre';
      input.setAttribute('autocomplete', 'off');
      input.setAttribute('aria-controls', select.id);
      // The filter goes above the list's own label, as a field of its own.
      var wrapper = document.createElement('div');
      wrapper.className = 'form-group';
      wrapper.appendChild(label);
      wrapper.appendChild(input);
      var ownLabel = box.querySelector('label[for="' + select.id + '"]');
      select.parentNode.insertBefore(wrapper, ownLabel || select);
      // The filter may replace a commune it picked itself (typing « J » then « Jou »), never the person's own choice.
      var picked = false;
      select.addEventListener('change', function () {
        picked = false;
      });
      input.addEventListener('input', function () {
        var needle = input.value
          .trim()
          .toLocaleLowerCase('fr')
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '');
        var firstMatch = null;
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.value) return;
          var hay = option.textContent
            .toLocaleLowerCase('fr')
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '');
          var match = !needle || hay.indexOf(needle) !== -1;
          option.hidden = !match;
          if (match && !firstMatch) firstMatch = option;
        });
        if (needle && firstMatch && (!select.value || picked)) {
          firstMatch.selected = true;
          picked = true;
        }
      });
    });
  });
})();
