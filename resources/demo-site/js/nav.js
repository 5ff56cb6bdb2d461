// Shared site navigation, inserted where this script tag stands (top of <body>) so every page
// gets the same links without a build step. Runs synchronously: the nav exists before load.
(function () {
  var pages = [
    ['index.html', 'Home', 'home'],
    ['login.html', 'Login', 'login'],
    ['todos.html', 'Todos', 'todos'],
    ['table.html', 'Table', 'table'],
    ['delayed.html', 'Delayed', 'delayed'],
    ['frames.html', 'Frames', 'frames'],
    ['popup.html', 'Popups', 'popup'],
    ['upload.html', 'Upload', 'upload'],
    ['download.html', 'Download', 'download'],
    ['dialogs.html', 'Dialogs', 'dialogs'],
    ['console.html', 'Console', 'console'],
    ['network.html', 'Network', 'network'],
    ['dragdrop.html', 'Drag & drop', 'dragdrop'],
    ['interactions.html', 'Interactions', 'interactions'],
    ['selectors.html', 'Selectors', 'selectors'],
    ['a11y-violations.html', 'A11y violations', 'a11y']
  ];
  var here = location.pathname.split('/').pop() || 'index.html';
  var header = document.createElement('header');
  header.className = 'site-header';
  var nav = document.createElement('nav');
  nav.className = 'site-nav';
  nav.id = 'site-nav';
  nav.setAttribute('aria-label', 'Main');
  var list = document.createElement('ul');
  pages.forEach(function (page) {
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.href = page[0];
    link.textContent = page[1];
    link.setAttribute('data-testid', 'nav-' + page[2]);
    if (page[0] === here) link.setAttribute('aria-current', 'page');
    item.appendChild(link);
    list.appendChild(item);
  });
  nav.appendChild(list);
  header.appendChild(nav);
  var script = document.currentScript;
  script.parentNode.insertBefore(header, script);
})();
