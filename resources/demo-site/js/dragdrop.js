// HTML5 drag and drop: fruit into a basket, and reordering a list by dropping onto an item.
(function () {
  var basket = document.getElementById('basket');
  var dropResult = document.getElementById('drop-result');
  var contents = document.getElementById('basket-contents');
  var inBasket = [];

  function showBasket() {
    contents.textContent = 'Basket: ' + (inBasket.length ? inBasket.join(', ') : 'empty');
  }

  document.querySelectorAll('#fruit-source .drag-item').forEach(function (item) {
    item.addEventListener('dragstart', function (event) {
      event.dataTransfer.setData('text/plain', 'fruit:' + item.getAttribute('data-fruit'));
      event.dataTransfer.effectAllowed = 'copy';
    });
  });
  basket.addEventListener('dragover', function (event) {
    event.preventDefault();
    basket.classList.add('over');
  });
  basket.addEventListener('dragleave', function () { basket.classList.remove('over'); });
  basket.addEventListener('drop', function (event) {
    event.preventDefault();
    basket.classList.remove('over');
    var data = event.dataTransfer.getData('text/plain');
    if (data.indexOf('fruit:') !== 0) return;
    var fruit = data.slice('fruit:'.length);
    if (inBasket.indexOf(fruit) === -1) inBasket.push(fruit);
    dropResult.textContent = 'Dropped ' + fruit + ' into the basket';
    showBasket();
  });
  document.getElementById('reset-basket').addEventListener('click', function () {
    inBasket = [];
    dropResult.textContent = 'Nothing dropped yet';
    showBasket();
  });

  var list = document.getElementById('sortable-list');
  var order = document.getElementById('sort-order');
  var dragged = null;
  list.querySelectorAll('li').forEach(function (item) {
    item.addEventListener('dragstart', function (event) {
      dragged = item;
      item.classList.add('dragging');
      event.dataTransfer.setData('text/plain', 'item:' + item.id);
      event.dataTransfer.effectAllowed = 'move';
    });
    item.addEventListener('dragend', function () {
      item.classList.remove('dragging');
      dragged = null;
    });
    item.addEventListener('dragover', function (event) {
      if (dragged) event.preventDefault();
    });
    item.addEventListener('drop', function (event) {
      event.preventDefault();
      if (!dragged || dragged === item) return;
      var items = Array.prototype.slice.call(list.children);
      // Moving down lands after the target, moving up lands before it: the dragged item takes
      // the target's place either way.
      if (items.indexOf(dragged) < items.indexOf(item)) list.insertBefore(dragged, item.nextSibling);
      else list.insertBefore(dragged, item);
      order.textContent = 'Order: ' + Array.prototype.map.call(list.children, function (li) {
        return li.textContent;
      }).join(', ');
    });
  });
})();
