// Every control reports itself in #selector-result, so a test can tell which element a selector hit.
(function () {
  var result = document.getElementById('selector-result');
  function report(text) { result.textContent = 'Last action: ' + text; }
  function activate(element, handler) {
    element.addEventListener('click', handler);
    element.addEventListener('keydown', function (event) {
      if (event.key === ' ' || event.key === 'Enter') {
        event.preventDefault();
        handler();
      }
    });
  }

  document.querySelector('[data-testid="primary-action"]').addEventListener('click', function () {
    report('Primary action');
  });

  document.querySelectorAll('[role="checkbox"], [role="switch"]').forEach(function (widget) {
    activate(widget, function () {
      var checked = widget.getAttribute('aria-checked') !== 'true';
      widget.setAttribute('aria-checked', String(checked));
      report(widget.textContent + (checked ? ' on' : ' off'));
    });
  });
  activate(document.querySelector('[data-widget="role-button"]'), function () { report('Custom role button'); });

  var tabs = document.querySelectorAll('[role="tab"]');
  tabs.forEach(function (tab) {
    tab.addEventListener('click', function () {
      tabs.forEach(function (other) {
        var selected = other === tab;
        other.setAttribute('aria-selected', String(selected));
        other.tabIndex = selected ? 0 : -1;
        document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
      });
      report('Tab ' + tab.textContent);
    });
  });

  document.querySelectorAll('section .fake-button:not([role])').forEach(function (div) {
    div.addEventListener('click', function () {
      var card = div.closest('.box');
      var heading = card ? card.querySelector('h3') : null;
      report(div.textContent + (heading ? ' ' + heading.textContent : ''));
    });
  });

  document.querySelector('button[title="Settings"]').addEventListener('click', function () { report('Settings'); });

  document.querySelectorAll('.same-text button').forEach(function (button) {
    button.addEventListener('click', function () {
      report('Edit ' + button.parentNode.querySelector('h3').textContent);
    });
  });
})();
