// Things that happen later. ?delay=ms replaces every delay so tests can run fast (?delay=0).
(function () {
  var override = new URLSearchParams(location.search).get('delay');
  var forced = override !== null && override !== '' && isFinite(Number(override)) && Number(override) >= 0
    ? Number(override) : null;
  var delays = {
    click: forced !== null ? forced : 1000,
    auto: forced !== null ? forced : 1500,
    spinner: forced !== null ? forced : 1500,
    enable: forced !== null ? forced : 2000
  };
  document.getElementById('delay-info').textContent =
    'Delays: load ' + delays.click + ' ms, auto ' + delays.auto + ' ms, spinner ' + delays.spinner +
    ' ms, enable ' + delays.enable + ' ms';

  var loadButton = document.getElementById('load-content');
  var loadStatus = document.getElementById('load-status');
  var loaded = document.getElementById('loaded-content');
  loadButton.addEventListener('click', function () {
    loadButton.disabled = true;
    loaded.hidden = true;
    loadStatus.textContent = 'Loading…';
    setTimeout(function () {
      loadStatus.textContent = 'Loaded';
      loaded.hidden = false;
      loadButton.disabled = false;
    }, delays.click);
  });

  setTimeout(function () {
    document.getElementById('auto-content').hidden = false;
    document.getElementById('status-text').textContent = 'Status: complete';
  }, delays.auto);

  setTimeout(function () {
    document.getElementById('spinner').hidden = true;
    document.getElementById('spinner-done').hidden = false;
  }, delays.spinner);

  var enableLater = document.getElementById('enable-later');
  setTimeout(function () { enableLater.disabled = false; }, delays.enable);
  enableLater.addEventListener('click', function () {
    document.getElementById('enable-later-result').textContent = 'Continue clicked';
  });
})();
