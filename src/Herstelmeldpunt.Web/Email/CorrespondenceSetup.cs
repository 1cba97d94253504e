using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Letters;

namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// Correspondence at start-up: the email and letter templates (a missing or broken one stops start-up), the
/// outbox and its sender, the letters, and the addresses links in them are built on.
/// </summary>
public static class CorrespondenceSetup
{
    public static EmailOptions AddCorrespondence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddSettings<EmailOptions>(configuration, EmailOptions.Section);
        options.ListeningBaseUrl = EmailOptions.FirstListeningUrl(configuration["urls"]);
        services.AddSingleton(EmailTemplates.Load());
        services.AddSingleton(LetterTemplates.Load());
        services.AddSingleton<MailDeliveryState>();
        services.AddSingleton<OutboxSender>();
        services.AddHttpContextAccessor();
        services.AddScoped<PublicUrls>();
        services.AddScoped<ReporterLetters>();
        services.AddScoped<DecisionLetterText>();
        return options;
    }
}
