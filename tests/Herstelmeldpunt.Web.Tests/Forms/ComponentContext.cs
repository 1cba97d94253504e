using Bunit;
using Herstelmeldpunt.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Tests.Forms;

/// <summary>A bUnit context with the app's own texts (nl.json, en.json) in Dutch, as the pages have them.</summary>
public abstract class ComponentContext : BunitContext
{
    protected ComponentContext()
    {
        Services.AddSingleton<IStringLocalizerFactory>(new JsonStringLocalizerFactory());
        Services.AddLocalization();
        System.Globalization.CultureInfo.CurrentUICulture = Cultures.Dutch;
        System.Globalization.CultureInfo.CurrentCulture = Cultures.Dutch;
    }
}
