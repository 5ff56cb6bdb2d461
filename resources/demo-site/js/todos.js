// Todo list kept in sessionStorage: survives a reload, starts empty in every new browser context.
// The filter is in the URL (#/active, #/completed), so Back and Forward move between filters; the
// tip stays hidden once dismissed (a cookie remembers it). Double-clicking a title edits it in place:
// Enter or leaving the field saves, Escape cancels, an emptied title deletes the item.
(function () {
  var KEY = 'testdesk-demo-todos';
  var state = load();
  var filter = filterOf(location.hash);
  var TIP_COOKIE = 'todo-tip=hidden';

  var form = document.getElementById('todo-form');
  var input = document.getElementById('new-todo');
  var list = document.getElementById('todo-list');
  var count = document.getElementById('todo-count');
  var empty = document.getElementById('todo-empty');
  var clear = document.getElementById('clear-completed');
  var filterButtons = document.querySelectorAll('#todo-filters button');

  function filterOf(hash) {
    var name = hash.replace(/^#\/?/, '');
    return name === 'active' || name === 'completed' ? name : 'all';
  }

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      if (saved && Array.isArray(saved.items)) return saved;
    } catch (e) { /* a damaged entry just means a fresh list */ }
    return { nextId: 1, items: [] };
  }

  function save() {
    sessionStorage.setItem(KEY, JSON.stringify(state));
  }

  function render() {
    list.textContent = '';
    state.items
      .filter(function (item) {
        return filter === 'all' || (filter === 'active' ? !item.completed : item.completed);
      })
      .forEach(function (item) {
        var li = document.createElement('li');
        li.className = 'todo-item' + (item.completed ? ' completed' : '');
        li.id = 'todo-' + item.id;
        li.setAttribute('data-testid', 'todo-item');
        li.setAttribute('data-completed', String(item.completed));

        var label = document.createElement('label');
        var box = document.createElement('input');
        box.type = 'checkbox';
        box.className = 'todo-toggle';
        box.checked = item.completed;
        box.setAttribute('data-testid', 'todo-toggle');
        box.addEventListener('change', function () {
          item.completed = box.checked;
          save();
          render();
        });
        var title = document.createElement('span');
        title.className = 'todo-title';
        title.setAttribute('data-testid', 'todo-title');
        title.textContent = item.title;
        label.appendChild(box);
        label.appendChild(title);
        // A click on the title does not tick the box (its label's default), so that a
        // double-click edits the title rather than re-rendering the row under the pointer.
        title.addEventListener('click', function (event) {
          event.preventDefault();
        });
        title.addEventListener('dblclick', function () {
          edit(li, item);
        });

        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'secondary todo-delete';
        remove.setAttribute('data-testid', 'todo-delete');
        remove.setAttribute('aria-label', 'Delete ' + item.title);
        remove.textContent = '\u00d7';
        remove.addEventListener('click', function () {
          state.items = state.items.filter(function (other) { return other !== item; });
          save();
          render();
        });

        li.appendChild(label);
        li.appendChild(remove);
        list.appendChild(li);
      });

    var left = state.items.filter(function (item) { return !item.completed; }).length;
    count.textContent = left + (left === 1 ? ' item left' : ' items left');
    empty.hidden = state.items.length > 0;
    clear.disabled = !state.items.some(function (item) { return item.completed; });
    filterButtons.forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-filter') === filter));
    });
  }

  function edit(li, item) {
    var field = document.createElement('input');
    field.type = 'text';
    field.className = 'todo-edit';
    field.value = item.title;
    field.setAttribute('data-testid', 'todo-edit');
    field.setAttribute('aria-label', 'Edit ' + item.title);
    li.classList.add('editing');
    li.appendChild(field);
    field.focus();
    field.select();
    var done = false;
    function finish(save_) {
      if (done) return;
      done = true;
      var title = field.value.trim();
      if (save_ && title) item.title = title;
      if (save_ && !title) state.items = state.items.filter(function (other) { return other !== item; });
      save();
      render();
    }
    field.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') finish(true);
      if (event.key === 'Escape') finish(false);
    });
    field.addEventListener('blur', function () { finish(true); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var title = input.value.trim();
    if (!title) return;
    state.items.push({ id: state.nextId++, title: title, completed: false });
    input.value = '';
    save();
    render();
  });

  filterButtons.forEach(function (button) {
    button.addEventListener('click', function () {
      var wanted = button.getAttribute('data-filter');
      location.hash = wanted === 'all' ? '#/' : '#/' + wanted;
    });
  });

  window.addEventListener('hashchange', function () {
    filter = filterOf(location.hash);
    render();
  });

  var tip = document.getElementById('todo-tip');
  tip.hidden = document.cookie.split('; ').indexOf(TIP_COOKIE) !== -1;
  document.getElementById('dismiss-tip').addEventListener('click', function () {
    document.cookie = TIP_COOKIE + '; path=/';
    tip.hidden = true;
  });

  clear.addEventListener('click', function () {
    state.items = state.items.filter(function (item) { return !item.completed; });
    save();
    render();
  });

  render();
})();
