using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The baseline of the generated migrations: the schema is what the hand-written migrations
            // made (their ids stand before this one); from here on dotnet ef writes the migrations.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo.
        }
    }
}
