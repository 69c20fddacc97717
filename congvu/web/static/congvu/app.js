/* congvu: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The language menu switches as soon as a language is chosen; without JS its button does it.
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      select.form.submit();
    }
  });

  // Registering for several units: choosing a matter type pre-selects the unit the registry makes
  // competent for it (its option's data-competent-unit), when that unit is one of the clerk's.
  document.addEventListener("change", function (event) {
    var matter = event.target.closest("select[name=matter_type]");
    var unit = matter && matter.form && matter.form.querySelector("select[name=unit]");
    var option = matter && matter.selectedOptions[0];
    var competent = option && option.getAttribute("data-competent-unit");
    if (unit && competent && unit.querySelector('option[value="' + competent + '"]')) {
      unit.value = competent;
    }
  });

  // Keep the CSRF token on htmx requests that do not come from a form (forms carry their own).
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token && !event.detail.parameters.csrfmiddlewaretoken) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });

  // A refusal of who you are (403: the access-refused page) would be dropped silently by htmx, which
  // swaps no error answer: show that page's message in place of the page's content instead.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 403) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      event.detail.target = document.getElementById("main");
      event.detail.selectOverride = "#main";
      event.detail.swapOverride = "outerHTML";
    }
  });

  // After htmx swaps a panel, move focus to its first error or refusal, so keyboard and screen-reader
  // users learn what happened without hunting for it.
  document.addEventListener("htmx:afterSwap", function (event) {
    // An outerHTML swap replaces the target: look the new element up by its id.
    var target = event.detail.target;
    target = (target && target.id && document.getElementById(target.id)) || target;
    var alert = target && target.querySelector(".is-invalid, .cv-refusal, .alert-success");
    if (alert) {
      if (!alert.hasAttribute("tabindex") && !/INPUT|SELECT|TEXTAREA/.test(alert.tagName)) {
        alert.setAttribute("tabindex", "-1");
      }
      alert.focus();
    }
  });
})();
