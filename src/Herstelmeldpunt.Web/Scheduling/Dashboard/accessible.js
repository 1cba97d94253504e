// Herstelmeldpunt: landmarks and heading levels for Hangfire's dashboard layout, which has neither
// a <main> nor consecutive heading levels (axe: landmark-one-main, region, heading-order).
(function () {
    function mark() {
        var nav = document.querySelector('#wrap > .navbar');
        if (nav && !nav.getAttribute('role')) { nav.setAttribute('role', 'navigation'); nav.setAttribute('aria-label', 'Hangfire'); }
        var page = document.querySelector('.js-page-container');
        if (page && !document.querySelector('main, [role=main]')) { page.setAttribute('role', 'main'); }
        var footer = document.getElementById('footer');
        if (footer && !footer.getAttribute('role')) { footer.setAttribute('role', 'contentinfo'); }
        var headings = document.querySelectorAll('.js-page-container h3');
        for (var i = 0; i < headings.length; i++) {
            if (!document.querySelector('.js-page-container h2')) { headings[i].setAttribute('role', 'heading'); headings[i].setAttribute('aria-level', '2'); }
        }
    }
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', mark); } else { mark(); }
})();
