// Lists chosen or dropped files as "name (N bytes)" so a test can check what the browser received.
(function () {
  function show(prefix, files) {
    var list = document.getElementById(prefix + '-list');
    var summary = document.getElementById(prefix + '-summary');
    list.textContent = '';
    Array.prototype.forEach.call(files, function (file) {
      var li = document.createElement('li');
      li.setAttribute('data-testid', 'file-entry');
      li.textContent = file.name + ' (' + file.size + (file.size === 1 ? ' byte)' : ' bytes)');
      list.appendChild(li);
    });
    summary.textContent = files.length === 0 ? 'No files selected'
      : files.length === 1 ? '1 file selected' : files.length + ' files selected';
  }

  ['single-file', 'multi-file'].forEach(function (id) {
    var input = document.getElementById(id);
    input.addEventListener('change', function () { show(id, input.files); });
  });

  var zone = document.getElementById('drop-zone');
  zone.addEventListener('dragover', function (event) {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  zone.addEventListener('drop', function (event) {
    event.preventDefault();
    zone.classList.remove('over');
    show('drop-file', event.dataTransfer ? event.dataTransfer.files : []);
  });
})();
