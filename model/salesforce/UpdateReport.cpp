#include "salesforce/UpdateReport.h"

#include <QJsonObject>

namespace msi::salesforce {

bool UpdateOutcome::isRowLock() const
{
    for (const RecordError &e : errors)
        if (e.statusCode == u"UNABLE_TO_LOCK_ROW")
            return true;
    return false;
}

QString UpdateOutcome::message() const
{
    if (success)
        return tr("%1 updated").arg(id);
    if (!sent)
        return tr("%1 not sent (run stopped: %2)").arg(id, requestError.message());
    if (requestError.isError())
        return tr("%1 not updated: %2").arg(id, requestError.message());
    QStringList parts;
    for (const RecordError &e : errors) {
        QString part = e.statusCode + u' ' + e.message;
        if (!e.fields.isEmpty())
            part += tr(" (fields: %1)").arg(e.fields.join(QStringLiteral(", ")));
        parts << part;
    }
    return tr("%1 failed: %2").arg(id, parts.join(QStringLiteral("; ")));
}

QList<UpdateOutcome> UpdateOutcome::mapBatch(const QList<int> &indices, const QStringList &ids,
                                             const QJsonArray &response)
{
    QList<UpdateOutcome> out;
    for (qsizetype i = 0; i < indices.size(); ++i) {
        UpdateOutcome o;
        o.index = indices.at(i);
        o.id = ids.value(i);
        o.sent = true;
        if (i >= response.size()) {
            o.requestError.kind = net::ApiError::Kind::BadResponse;
            o.requestError.code = QStringLiteral("missing result");
            o.requestError.serverMessage = tr("Salesforce returned no result for this record");
            out << o;
            continue;
        }
        const QJsonObject r = response.at(i).toObject();
        o.success = r.value(QStringLiteral("success")).toBool(false);
        if (const QString rid = r.value(QStringLiteral("id")).toString(); !rid.isEmpty())
            o.id = rid;
        for (const QJsonValue &ev : r.value(QStringLiteral("errors")).toArray()) {
            const QJsonObject e = ev.toObject();
            RecordError err;
            err.statusCode = e.value(QStringLiteral("statusCode")).toString();
            err.message = e.value(QStringLiteral("message")).toString();
            for (const QJsonValue &f : e.value(QStringLiteral("fields")).toArray())
                err.fields << f.toString();
            o.errors << err;
        }
        out << o;
    }
    return out;
}

int UpdateReport::updated() const
{
    int n = 0;
    for (const UpdateOutcome &o : outcomes)
        n += o.success ? 1 : 0;
    return n;
}

int UpdateReport::failed() const
{
    return int(outcomes.size()) - updated();
}

QStringList UpdateReport::failedIds() const
{
    QStringList ids;
    for (const UpdateOutcome &o : outcomes)
        if (!o.success)
            ids << o.id;
    return ids;
}

QString UpdateReport::summary() const
{
    QString text = tr("%1 updated, %2 failed").arg(updated()).arg(failed());
    if (error.isError())
        text += QStringLiteral("; ") + error.message();
    return text;
}

} // namespace msi::salesforce
