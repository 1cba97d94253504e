using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>What the contact form on Mijn melding posts.</summary>
public sealed class ContactForm
{
    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? PreferredChannel { get; set; }

    public string? PreferredTime { get; set; }

    public string? Language { get; set; }

    public string? AddressStreet { get; set; }

    public string? AddressPostcode { get; set; }

    public string? AddressCity { get; set; }

    public string? RepresentativeEmail { get; set; }

    public string? RepresentativePhone { get; set; }

    /// <summary>Only when adding a representative: their name and relation, and the person's consent.</summary>
    public string? RepresentativeName { get; set; }

    public string? RepresentativeRelation { get; set; }

    public bool RepresentativeConsent { get; set; }

    public static ContactForm From(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ContactForm
        {
            Email = report.Email,
            Phone = report.Phone,
            PreferredChannel = report.PreferredChannel.ToString(),
            PreferredTime = report.PreferredTime.ToString(),
            Language = report.Language,
            AddressStreet = report.AddressStreet,
            AddressPostcode = report.AddressPostcode,
            AddressCity = report.AddressCity,
            RepresentativeEmail = report.RepresentativeEmail,
            RepresentativePhone = report.RepresentativePhone,
        };
    }
}

/// <summary>
/// The rules for changing contact details, as at intake: an email address or phone number (well-formed),
/// a channel that has what it needs, a time, a language; a representative keeps a way to be reached.
/// Returns the errors in page order, or applies the change and says which fields changed (text keys).
/// </summary>
public static class ContactChange
{
    /// <param name="hasRepresentative">The report has a representative whose contact details may be changed.</param>
    /// <param name="addingRepresentative">The person adds one now (name, relation, a way to reach them, consent).</param>
    public static IReadOnlyList<FieldError> Validate(ContactForm form, bool hasRepresentative, bool addingRepresentative = false)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        void Fail(string field, string key) => errors.Add(new FieldError(field, key));
        var (email, phone) = ContactRules.Contact(form.Email, form.Phone, nameof(form.Email), nameof(form.Phone), "Error.Contact.Required", Fail);
        ContactRules.Channel(ContactRules.ReadChannel(form.PreferredChannel), email, phone, nameof(form.PreferredChannel), Fail);
        var time = ContactRules.Time(ContactRules.ReadTime(form.PreferredTime), phone, hasRepresentative || addingRepresentative ? form.RepresentativePhone : null, nameof(form.PreferredTime), Fail);
        form.PreferredTime = time?.ToString() ?? form.PreferredTime; // "no preference" when nobody can be called and none was chosen

        if (form.Language is not ("nl" or "en"))
        {
            errors.Add(new FieldError(nameof(form.Language), "MyReport.Error.Language"));
        }

        var reachedByEmail = email is not null || ((hasRepresentative || addingRepresentative) && Clean(form.RepresentativeEmail) is not null);
        PostalAddress.Validate(form.AddressStreet, form.AddressPostcode, form.AddressCity, required: !reachedByEmail, "Address", (field, key) => errors.Add(new FieldError(field, key)));

        if (addingRepresentative)
        {
            if (string.IsNullOrWhiteSpace(form.RepresentativeName))
            {
                errors.Add(new FieldError(nameof(form.RepresentativeName), "MyReport.Error.RepresentativeName"));
            }
            else if (form.RepresentativeName.Trim().Length > FieldLimits.Name)
            {
                errors.Add(new FieldError(nameof(form.RepresentativeName), "Error.RepresentativeName.TooLong"));
            }

            if (string.IsNullOrWhiteSpace(form.RepresentativeRelation))
            {
                errors.Add(new FieldError(nameof(form.RepresentativeRelation), "MyReport.Error.RepresentativeRelation"));
            }
            else if (form.RepresentativeRelation.Trim().Length > FieldLimits.Relation)
            {
                errors.Add(new FieldError(nameof(form.RepresentativeRelation), "Error.RepresentativeRelation.TooLong"));
            }
        }

        if (hasRepresentative || addingRepresentative)
        {
            ContactRules.Contact(form.RepresentativeEmail, form.RepresentativePhone, nameof(form.RepresentativeEmail), nameof(form.RepresentativePhone), "Error.RepresentativeContact.Required", Fail);
        }

        if (addingRepresentative && !form.RepresentativeConsent)
        {
            errors.Add(new FieldError(nameof(form.RepresentativeConsent), "MyReport.Error.RepresentativeConsent"));
        }

        return errors;
    }

    /// <summary>Applies a valid form to the report; returns the text keys of the fields that changed.</summary>
    public static IReadOnlyList<string> Apply(Report report, ContactForm form, bool addingRepresentative = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(form);
        var changed = new List<string>();
        void Set<T>(T current, T value, Action<T> assign, string key)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                assign(value);
                changed.Add(key);
            }
        }

        Set(report.Email, Clean(form.Email), v => report.Email = v, "MyReport.Email");
        Set(report.Phone, Clean(form.Phone), v => report.Phone = v, "MyReport.Phone");
        Set(report.PreferredChannel, Enum.Parse<ContactChannel>(form.PreferredChannel!), v => report.PreferredChannel = v, "Field.PreferredChannel");
        Set(report.PreferredTime, Enum.Parse<ContactTime>(form.PreferredTime!), v => report.PreferredTime = v, "Field.PreferredTime");
        Set(report.Language, form.Language!, v => report.Language = v, "MyReport.Language");
        var address = PostalAddress.Validate(form.AddressStreet, form.AddressPostcode, form.AddressCity, required: false, "Address", (_, _) => { });
        Set(report.AddressStreet, address?.Street, v => report.AddressStreet = v, "Intake.Section.Address");
        Set(report.AddressPostcode, address?.Postcode, v => report.AddressPostcode = v, "Field.AddressPostcode");
        Set(report.AddressCity, address?.City, v => report.AddressCity = v, "Field.AddressCity");
        if (addingRepresentative)
        {
            report.RepresentativeName = form.RepresentativeName!.Trim();
            report.RepresentativeRelation = form.RepresentativeRelation!.Trim();
            report.RepresentativeDeclaredAuthorised = true; // the person themselves gave consent, on Mijn melding
            changed.Add("MyReport.RepresentativeAdded");
        }

        if (report.RepresentativeName is not null)
        {
            Set(report.RepresentativeEmail, Clean(form.RepresentativeEmail), v => report.RepresentativeEmail = v, "Field.RepresentativeEmail");
            Set(report.RepresentativePhone, Clean(form.RepresentativePhone), v => report.RepresentativePhone = v, "Field.RepresentativePhone");
        }

        return changed;
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
