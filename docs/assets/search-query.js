/* Search for command-line options as they are written.
 *
 * The theme's search runs lunr in a worker, and lunr reads a leading "-" as "leave out pages with
 * this word": "--group-add" became a query error and found nothing. Readers paste options with
 * their dashes, so a word that starts with two or more dashes is searched without them (lunr
 * then splits "group-add" at the hyphen like the index does). A single leading "-" keeps its
 * meaning. The query goes to the worker as a message of type 2 (the theme's QUERY); only those
 * messages are touched. tests/test_site.py searches "--group-add" in a real browser.
 */
(function () {
  var QUERY = 2;
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: message.type, data: message.data.replace(/(^|\s)-{2,}(?=[^\s-])/g, "$1") };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
})();
