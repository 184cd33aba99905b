#include "cli/CheckIdCommand.h"

#include "cli/CliErrorReport.h"

#include "core/CsvReader.h"
#include "core/SalesforceId.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace msi::cli {

using core::SalesforceId;

// Writes one result per ID as text lines or as the elements of one JSON array, streaming. The
// array opens with the first result, so that an error found before it is the only document.
class CheckIdCommand::Printer
{
public:
    Printer(QTextStream &out, bool json)
        : m_out(out)
        , m_json(json)
    {
    }

    void print(const SalesforceId &id, const QString &where)
    {
        QString object;
        if (id.isValid()) {
            object = id.objectType();
            if (object.isEmpty())
                object = QStringLiteral("unknown");
        }
        // 15-character IDs are valid (they only need converting); a case-damaged ID is a finding.
        if (id.status() != SalesforceId::Status::Valid18
            && id.status() != SalesforceId::Status::Valid15)
            ++m_problems;
        if (m_json) {
            if (m_count == 0)
                m_out << '[';
            QJsonObject o{{QStringLiteral("input"), id.input()},
                          {QStringLiteral("status"), id.statusName()},
                          {QStringLiteral("id18"),
                           id.isValid() ? QJsonValue(id.id18()) : QJsonValue()},
                          {QStringLiteral("object"),
                           id.isValid() ? QJsonValue(object) : QJsonValue()},
                          {QStringLiteral("prefix"),
                           id.isValid() ? QJsonValue(id.keyPrefix()) : QJsonValue()},
                          {QStringLiteral("message"), id.explanation()}};
            if (!where.isEmpty())
                o.insert(QStringLiteral("line"), where.toLongLong());
            m_out << (m_count ? ",\n" : "\n")
                  << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
        } else {
            if (!object.isEmpty() && object == u"unknown")
                object = CheckIdCommand::tr("unknown prefix %1").arg(id.keyPrefix());
            m_out << (where.isEmpty() ? QString() : where + u'\t') << id.input() << '\t'
                  << id.statusName() << '\t' << (id.isValid() ? id.id18() : QStringLiteral("-"))
                  << '\t' << (object.isEmpty() ? QStringLiteral("-") : object) << '\t'
                  << id.explanation() << '\n';
        }
        ++m_count;
    }

    void finish()
    {
        if (m_json)
            m_out << (m_count ? "\n]\n" : "[]\n");
        m_out.flush();
    }

    qint64 problems() const { return m_problems; }
    qint64 count() const { return m_count; }

private:
    QTextStream &m_out;
    bool m_json;
    qint64 m_count = 0;
    qint64 m_problems = 0;
};

QString CheckIdCommand::summary() const
{
    return tr("check Salesforce record IDs (15/18 characters, checksum, case, object)");
}

int CheckIdCommand::run(const QStringList &arguments, CliStreams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print a JSON array."));
    const QCommandLineOption csvOption(QStringLiteral("csv"),
                                       tr("Read the IDs from a column of a CSV file."),
                                       tr("file"));
    const QCommandLineOption columnOption(QStringLiteral("column"),
                                          tr("The CSV column (header name) holding the IDs."),
                                          tr("name"));
    parser.addOptions({jsonOption, csvOption, columnOption});
    parser.addPositionalArgument(QStringLiteral("ID"), tr("Salesforce record IDs."),
                                 QStringLiteral("[ID...]"));
    using Kind = CliErrorReport::Kind;
    const CliErrorReport report(streams, CliErrorReport::wantsJson(arguments));
    if (!parser.parse(arguments))
        return report.fail(Kind::Usage, tr("check-id: %1").arg(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    const QStringList ids = parser.positionalArguments();
    const bool fromCsv = parser.isSet(csvOption);
    if (fromCsv == !ids.isEmpty() || (fromCsv && !parser.isSet(columnOption))
        || (!fromCsv && parser.isSet(columnOption)))
        return report.fail(Kind::Usage, tr("check-id: give either IDs or --csv FILE --column NAME"));

    // A CSV error after the first rows ends the array already printed (exit 2 all the same).
    Printer printer(streams.out, parser.isSet(jsonOption));
    if (!fromCsv) {
        for (const QString &id : ids)
            printer.print(SalesforceId(id), QString());
        printer.finish();
        return printer.problems() ? ExitFindings : ExitOk;
    }

    QFile file(parser.value(csvOption));
    if (!file.open(QIODevice::ReadOnly))
        return report.fail(Kind::Usage, tr("check-id: cannot open %1: %2")
                                            .arg(file.fileName(), file.errorString()));
    core::CsvReader reader(&file);
    QStringList fields;
    if (!reader.readRecord(fields))
        return report.fail(Kind::Usage, tr("check-id: %1 has no header row").arg(file.fileName()));
    const QString columnName = parser.value(columnOption);
    const qsizetype column = fields.indexOf(columnName);
    if (column < 0)
        return report.fail(Kind::Usage, tr("check-id: %1 has no column '%2' (columns: %3)")
                                            .arg(file.fileName(), columnName,
                                                 fields.join(QStringLiteral(", "))));
    while (reader.readRecord(fields)) {
        if (fields.size() == 1 && fields.first().isEmpty())
            continue; // a blank line
        printer.print(SalesforceId(fields.value(column)), QString::number(reader.recordLine()));
    }
    printer.finish();
    if (reader.hasError()) {
        streams.err << tr("check-id: %1: %2").arg(file.fileName(), reader.errorString()) << '\n';
        return ExitUsage;
    }
    return printer.problems() ? ExitFindings : ExitOk;
}

} // namespace msi::cli
