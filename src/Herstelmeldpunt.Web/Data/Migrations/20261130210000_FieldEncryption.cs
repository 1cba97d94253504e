using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): personal data is stored encrypted (FieldCipher). Keyed hashes beside it
/// — a report's and a register member's BSN, a report's name words, an email's address — take over the
/// indexes that were on the clear values; encrypted columns become unbounded text on PostgreSQL. Rows of an
/// older database keep their clear values until start-up gives them their hashes (and encrypts them) and
/// the "reencrypt" command rewrites the rest.
/// </summary>
public class FieldEncryption : Migration
{
    private static readonly (string Table, string[] Columns)[] EncryptedText =
    [
        ("Reports", ["FullName", "Bsn", "Email", "Phone", "AddressStreet", "AddressPostcode", "AddressCity", "RepresentativeName", "RepresentativeRelation", "RepresentativeEmail", "RepresentativePhone", "Description", "StaffReason"]),
        ("TargetGroupMembers", ["Bsn", "FullName", "AddressStreet", "AddressPostcode", "AddressCity"]),
        ("OutboxMessages", ["ToAddress"]),
        ("WorkflowJournal", ["Note"]),
        ("Advices", ["CompensationDetails", "CompensationReasons", "NoAdditionalHelpReasons"]),
        ("RecoveryMeasures", ["Reasons"]),
        ("CaseDocuments", ["FileName"]),
        ("CaseEvents", ["Details"]),
        ("CaseNotes", ["Text"]),
        ("FollowUpCalls", ["Comments"]),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var postgres = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        migrationBuilder.AddColumn<string>(name: "BsnHash", table: "Reports", maxLength: 64, nullable: false, defaultValue: string.Empty);
        migrationBuilder.AddColumn<string>(name: "NameIndex", table: "Reports", nullable: false, defaultValue: string.Empty);
        migrationBuilder.AddColumn<string>(name: "BsnHash", table: "TargetGroupMembers", maxLength: 64, nullable: false, defaultValue: string.Empty);
        migrationBuilder.AddColumn<string>(name: "ToAddressHash", table: "OutboxMessages", maxLength: 64, nullable: false, defaultValue: string.Empty);

        migrationBuilder.DropIndex(name: "IX_Reports_Bsn", table: "Reports");
        migrationBuilder.CreateIndex(name: "IX_Reports_BsnHash", table: "Reports", column: "BsnHash");
        migrationBuilder.DropIndex(name: "IX_TargetGroupMembers_Bsn", table: "TargetGroupMembers");
        migrationBuilder.CreateIndex(name: "IX_TargetGroupMembers_BsnHash", table: "TargetGroupMembers", column: "BsnHash", unique: true, filter: "\"BsnHash\" <> ''");
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_ToAddress_CreatedAt", table: "OutboxMessages");
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_ToAddressHash_CreatedAt", table: "OutboxMessages", columns: ["ToAddressHash", "CreatedAt"]);
        if (postgres)
        {
            // The defaults only filled the existing rows; the model has none.
            migrationBuilder.Sql("""
                ALTER TABLE "Reports" ALTER COLUMN "BsnHash" DROP DEFAULT, ALTER COLUMN "NameIndex" DROP DEFAULT;
                ALTER TABLE "TargetGroupMembers" ALTER COLUMN "BsnHash" DROP DEFAULT;
                ALTER TABLE "OutboxMessages" ALTER COLUMN "ToAddressHash" DROP DEFAULT;
                """);
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Reports_FullName\";");
            migrationBuilder.Sql("CREATE INDEX \"IX_Reports_NameIndex\" ON \"Reports\" USING gin (\"NameIndex\" gin_trgm_ops);");
            foreach (var (table, columns) in EncryptedText)
            {
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" {string.Join(", ", columns.Select(c => $"ALTER COLUMN \"{c}\" TYPE text"))};");
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Values written since are encrypted: going back needs the "reencrypt" command's reverse, which does not exist.
        throw new NotSupportedException("Encryption of personal data cannot be migrated down.");
    }
}
