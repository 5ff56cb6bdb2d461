// Login form, checked entirely in the page: a wrong password must not log a failed request to
// the console, so recorded login tests stay free of console errors. The accounts mirror the
// server's /api/login, which the network page exercises.
(function () {
  var ACCOUNTS = [
    { email: 'demo@testdesk.dev', password: 'secret123', name: 'Demo User', role: 'Tester' },
    { email: 'admin@testdesk.dev', password: 'admin123', name: 'Ada Admin', role: 'Manager' },
    { email: 'locked@testdesk.dev', password: 'locked123', name: 'Lou Locked', role: 'Tester', locked: true }
  ];
  var SESSION_KEY = 'testdesk-demo-session';
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  var form = document.getElementById('login-form');
  var username = document.getElementById('username');
  var password = document.getElementById('password');
  var remember = document.getElementById('remember-me');
  var formError = document.getElementById('login-error');
  var status = document.getElementById('login-status');

  if (new URLSearchParams(location.search).get('loggedout') === '1') {
    status.textContent = 'You have been logged out';
  }

  function setFieldError(input, message) {
    document.getElementById(input.id + '-error').textContent = message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function showFormError(message) {
    formError.textContent = message;
    formError.hidden = !message;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    status.textContent = '';
    showFormError('');
    var user = username.value.trim().toLowerCase();
    var pass = password.value;
    var userMessage = !user ? 'Email is required' : EMAIL.test(user) ? '' : 'Please enter a valid email address';
    var passMessage = pass ? '' : 'Password is required';
    setFieldError(username, userMessage);
    setFieldError(password, passMessage);
    if (userMessage) { username.focus(); return; }
    if (passMessage) { password.focus(); return; }

    var account = ACCOUNTS.filter(function (a) { return a.email === user && a.password === pass; })[0];
    if (!account) { showFormError('Invalid username or password'); return; }
    if (account.locked) { showFormError('This account is locked'); return; }

    var session = {
      token: 'demo-token-' + account.email.split('@')[0],
      user: { name: account.name, email: account.email, role: account.role },
      remember: remember.checked
    };
    (remember.checked ? localStorage : sessionStorage).setItem(SESSION_KEY, JSON.stringify(session));
    location.href = 'dashboard.html';
  });
})();
