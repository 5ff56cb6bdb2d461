// Fixed data so sort and filter results are known in advance: ages, cities and dates are unique,
// and ties (role) keep the original order, so every ordering is deterministic.
(function () {
  var PEOPLE = [
    { id: 1, name: 'Alice Martin', role: 'Developer', city: 'Paris', age: 34, joined: '2019-03-12' },
    { id: 2, name: 'Bruno Costa', role: 'Tester', city: 'Lisbon', age: 28, joined: '2021-07-01' },
    { id: 3, name: 'Chen Wei', role: 'Designer', city: 'Singapore', age: 41, joined: '2015-11-23' },
    { id: 4, name: 'Diana Novak', role: 'Manager', city: 'Prague', age: 45, joined: '2012-02-14' },
    { id: 5, name: 'Emil Larsen', role: 'Developer', city: 'Copenhagen', age: 31, joined: '2020-09-30' },
    { id: 6, name: 'Fatima Zahra', role: 'Tester', city: 'Casablanca', age: 26, joined: '2022-04-18' },
    { id: 7, name: 'George Brown', role: 'Developer', city: 'London', age: 39, joined: '2016-06-05' },
    { id: 8, name: 'Hana Sato', role: 'Designer', city: 'Tokyo', age: 29, joined: '2021-01-11' },
    { id: 9, name: 'Ivan Petrov', role: 'Tester', city: 'Sofia', age: 37, joined: '2017-10-02' },
    { id: 10, name: 'Julia Rossi', role: 'Manager', city: 'Rome', age: 52, joined: '2010-05-20' },
    { id: 11, name: 'Kofi Mensah', role: 'Developer', city: 'Accra', age: 24, joined: '2023-02-27' },
    { id: 12, name: 'Lena Fischer', role: 'Tester', city: 'Berlin', age: 33, joined: '2018-08-08' },
    { id: 13, name: 'Marco Silva', role: 'Designer', city: 'Sao Paulo', age: 36, joined: '2019-12-01' },
    { id: 14, name: 'Nina Kowalska', role: 'Developer', city: 'Warsaw', age: 27, joined: '2022-10-15' },
    { id: 15, name: 'Omar Haddad', role: 'Manager', city: 'Beirut', age: 48, joined: '2013-03-03' },
    { id: 16, name: 'Priya Sharma', role: 'Tester', city: 'Bangalore', age: 30, joined: '2020-01-20' },
    { id: 17, name: 'Quinn Taylor', role: 'Developer', city: 'Dublin', age: 42, joined: '2014-07-07' },
    { id: 18, name: 'Rosa Garcia', role: 'Designer', city: 'Madrid', age: 25, joined: '2023-06-12' },
    { id: 19, name: 'Samuel Okoro', role: 'Tester', city: 'Lagos', age: 38, joined: '2016-12-19' },
    { id: 20, name: 'Tara Nguyen', role: 'Developer', city: 'Hanoi', age: 35, joined: '2018-04-25' }
  ];
  var COLUMNS = ['name', 'role', 'city', 'age', 'joined'];

  var body = document.getElementById('people-body');
  var text = document.getElementById('table-filter');
  var role = document.getElementById('role-filter');
  var count = document.getElementById('row-count');
  var noResults = document.getElementById('no-results');
  var sortKey = null;
  var sortDir = 'ascending';

  function compare(a, b) {
    var x = a[sortKey];
    var y = b[sortKey];
    var result = x < y ? -1 : x > y ? 1 : a.id - b.id;
    return sortDir === 'ascending' ? result : x === y ? result : -result;
  }

  function render() {
    var needle = text.value.trim().toLowerCase();
    var rows = PEOPLE.filter(function (person) {
      var textMatch = !needle || person.name.toLowerCase().indexOf(needle) !== -1 ||
        person.city.toLowerCase().indexOf(needle) !== -1;
      return textMatch && (!role.value || person.role === role.value);
    });
    if (sortKey) rows.sort(compare);

    body.textContent = '';
    rows.forEach(function (person) {
      var tr = document.createElement('tr');
      tr.id = 'row-' + person.id;
      tr.setAttribute('data-testid', 'row');
      COLUMNS.forEach(function (key) {
        var td = document.createElement('td');
        td.setAttribute('data-column', key);
        td.textContent = String(person[key]);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    count.textContent = 'Showing ' + rows.length + ' of ' + PEOPLE.length;
    noResults.hidden = rows.length > 0;
  }

  document.querySelectorAll('#people-table th button').forEach(function (button) {
    button.addEventListener('click', function () {
      var key = button.getAttribute('data-sort');
      sortDir = sortKey === key && sortDir === 'ascending' ? 'descending' : 'ascending';
      sortKey = key;
      document.querySelectorAll('#people-table th').forEach(function (th) {
        th.setAttribute('aria-sort', th.contains(button) ? sortDir : 'none');
      });
      render();
      // A line in the console, so a run of the table tests shows what each click did.
      console.info('Sorted by ' + key + ', ' + sortDir);
    });
  });
  text.addEventListener('input', render);
  role.addEventListener('change', render);
  render();
})();
