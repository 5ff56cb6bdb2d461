// Hover, double-click, keyboard, scroll and form controls, each echoing what happened in a
// result line a checkpoint can read.
(function () {
  function byId(id) { return document.getElementById(id); }

  var menu = byId('hover-menu');
  var trigger = byId('menu-trigger');
  var items = byId('menu-items');
  function setMenu(open) {
    items.hidden = !open;
    trigger.setAttribute('aria-expanded', String(open));
  }
  menu.addEventListener('mouseenter', function () { setMenu(true); });
  menu.addEventListener('mouseleave', function () { setMenu(false); });
  // Keyboard users open it with the button (open only: a pointer click follows the hover that
  // already opened it); Escape or focus leaving the menu closes it.
  trigger.addEventListener('click', function () { setMenu(true); });
  menu.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { setMenu(false); trigger.focus(); }
  });
  menu.addEventListener('focusout', function (event) {
    if (!menu.contains(event.relatedTarget)) setMenu(false);
  });
  items.querySelectorAll('a').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      byId('menu-result').textContent = 'Selected: ' + link.textContent;
      setMenu(false);
    });
  });

  var hoverTarget = byId('hover-target');
  var tooltip = byId('hover-tooltip');
  hoverTarget.addEventListener('mouseenter', function () { tooltip.hidden = false; });
  hoverTarget.addEventListener('mouseleave', function () { tooltip.hidden = true; });
  hoverTarget.addEventListener('focus', function () { tooltip.hidden = false; });
  hoverTarget.addEventListener('blur', function () { tooltip.hidden = true; });

  var doubleClicks = 0;
  byId('dblclick-box').addEventListener('dblclick', function () {
    doubleClicks += 1;
    byId('dblclick-result').textContent = 'Double-click count: ' + doubleClicks;
  });

  var MODIFIERS = ['Control', 'Alt', 'Shift', 'Meta'];
  var keyInput = byId('key-input');
  keyInput.addEventListener('keydown', function (event) {
    var key = event.key === ' ' ? 'Space' : event.key;
    var held = [];
    if (MODIFIERS.indexOf(event.key) === -1) {
      if (event.ctrlKey) held.push('Control');
      if (event.altKey) held.push('Alt');
      // Shift already shows in the character itself, so name it only with non-printing keys.
      if (event.shiftKey && key.length > 1) held.push('Shift');
      if (event.metaKey) held.push('Meta');
    }
    byId('last-key').textContent = 'Last key: ' + held.concat([key]).join('+');
  });
  keyInput.addEventListener('input', function () {
    byId('typed-text').textContent = 'You typed: ' + keyInput.value;
  });

  var area = byId('scroll-area');
  for (var i = 1; i <= 40; i++) {
    var line = document.createElement('p');
    line.textContent = 'Line ' + i + ' of the long area';
    area.appendChild(line);
  }
  var bottom = document.createElement('p');
  bottom.id = 'far-element';
  bottom.setAttribute('data-testid', 'far-element');
  bottom.textContent = 'You found the element at the bottom';
  area.appendChild(bottom);
  area.addEventListener('scroll', function () {
    if (area.scrollTop + area.clientHeight >= area.scrollHeight - 2) {
      byId('scroll-status').textContent = 'Bottom reached';
    }
  });

  var color = byId('color-select');
  color.addEventListener('change', function () {
    byId('color-result').textContent = 'Colour: ' + (color.value ? color.options[color.selectedIndex].text : 'none');
  });

  var languages = byId('languages-select');
  languages.addEventListener('change', function () {
    var chosen = Array.prototype.filter.call(languages.options, function (o) { return o.selected; })
      .map(function (o) { return o.text; });
    byId('languages-result').textContent = 'Languages: ' + (chosen.length ? chosen.join(', ') : 'none');
  });

  document.querySelectorAll('input[name="plan"]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      byId('plan-result').textContent = 'Plan: ' + radio.value;
    });
  });

  var notify = document.querySelectorAll('#notify-group input[type="checkbox"]');
  notify.forEach(function (box) {
    box.addEventListener('change', function () {
      var on = Array.prototype.filter.call(notify, function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      byId('notify-result').textContent = 'Notifications: ' + (on.length ? on.join(', ') : 'none');
    });
  });

  var volume = byId('volume');
  volume.addEventListener('input', function () {
    byId('volume-output').textContent = 'Volume: ' + volume.value;
  });

  document.querySelectorAll('.anon-actions .fake-button').forEach(function (div) {
    div.addEventListener('click', function () {
      byId('anon-result').textContent = 'Anonymous action: ' + div.textContent;
    });
  });
})();
