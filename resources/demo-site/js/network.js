// Calls the demo server's /api routes and prints status and body, so network and API checkpoints
// have something visible to compare with.
(function () {
  var state = document.getElementById('request-state');
  var statusLine = document.getElementById('result-status');
  var bodyBox = document.getElementById('result-body');
  var userList = document.getElementById('user-list');
  var log = document.getElementById('request-log');

  function call(method, url, body) {
    state.textContent = 'Loading…';
    statusLine.textContent = 'Status: pending';
    bodyBox.textContent = '';
    userList.textContent = '';
    var init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = body;
    }
    return fetch(url, init)
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
          statusLine.textContent = 'Status: ' + response.status;
          bodyBox.textContent = parsed === null ? text : JSON.stringify(parsed, null, 2);
          state.textContent = 'Done';
          addLog(method + ' ' + url + ' \u2192 ' + response.status);
          return parsed;
        });
      })
      .catch(function (error) {
        statusLine.textContent = 'Status: network error';
        bodyBox.textContent = String(error);
        state.textContent = 'Failed';
        addLog(method + ' ' + url + ' \u2192 network error');
        return null;
      });
  }

  function addLog(text) {
    var li = document.createElement('li');
    li.textContent = text;
    log.appendChild(li);
  }

  document.getElementById('fetch-users').addEventListener('click', function () {
    call('GET', '/api/users').then(function (result) {
      if (!result || !result.users) return;
      result.users.forEach(function (user) {
        var li = document.createElement('li');
        li.setAttribute('data-testid', 'user-item');
        li.textContent = user.name + ' (' + user.role + ')';
        userList.appendChild(li);
      });
    });
  });
  document.getElementById('fetch-slow').addEventListener('click', function () {
    var ms = document.getElementById('slow-ms').value || '1500';
    call('GET', '/api/slow?ms=' + encodeURIComponent(ms));
  });
  document.getElementById('fetch-fail').addEventListener('click', function () { call('GET', '/api/fail'); });
  document.getElementById('fetch-missing').addEventListener('click', function () { call('GET', '/api/missing'); });
  document.getElementById('post-echo').addEventListener('click', function () {
    call('POST', '/api/echo', document.getElementById('echo-body').value);
  });
  document.getElementById('post-login').addEventListener('click', function () {
    call('POST', '/api/login', JSON.stringify({
      username: document.getElementById('api-username').value,
      password: document.getElementById('api-password').value
    }));
  });
})();
