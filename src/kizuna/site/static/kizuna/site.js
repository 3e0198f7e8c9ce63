// Keeps the language switcher's return address in step with the address bar when
// htmx replaces part of a page and pushes a new URL (e.g. a directory search).
document.addEventListener("htmx:pushedIntoHistory", function () {
  document.querySelectorAll("form.langs input[name=next]").forEach(function (input) {
    input.value = window.location.pathname + window.location.search;
  });
});
