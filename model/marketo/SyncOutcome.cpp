#include "marketo/SyncOutcome.h"

namespace msi::marketo {

QString SyncOutcome::statusName(Status status)
{
    switch (status) {
    case Status::Created: return QStringLiteral("created");
    case Status::Updated: return QStringLiteral("updated");
    case Status::Skipped: return QStringLiteral("skipped");
    case Status::Failed: return QStringLiteral("failed");
    case Status::NotSent: return QStringLiteral("not-sent");
    }
    return QString();
}

QString SyncOutcome::message(MarketoObject object, const QJsonObject &input) const
{
    const QString who = displayName(object) + u' ' + recordLabel(object, input);
    switch (status) {
    case Status::Created:
        return tr("%1 created").arg(who);
    case Status::Updated:
        return tr("%1 updated").arg(who);
    case Status::Skipped: {
        QStringList why;
        for (const RecordReason &r : reasons)
            why << QString(r.code + u' ' + r.message).trimmed();
        return tr("%1 skipped: %2").arg(who, why.join(QStringLiteral("; ")));
    }
    case Status::Failed:
        return tr("%1 not synced: %2").arg(who, requestError.message());
    case Status::NotSent:
        return requestError.isError()
                ? tr("%1 not sent yet (run stopped: %2)").arg(who, requestError.message())
                : tr("%1 not sent yet").arg(who);
    }
    return QString();
}

QList<SyncOutcome> SyncOutcome::mapBatch(const QList<int> &inputIndices, const QJsonArray &result)
{
    QList<SyncOutcome> out(inputIndices.size());
    QList<bool> seen(inputIndices.size(), false);
    for (qsizetype i = 0; i < inputIndices.size(); ++i)
        out[i].index = inputIndices.at(i);

    for (qsizetype i = 0; i < result.size(); ++i) {
        const QJsonObject entry = result.at(i).toObject();
        qsizetype pos = i;
        if (entry.contains(QStringLiteral("seq")))
            pos = entry.value(QStringLiteral("seq")).toInt(-1);
        if (pos < 0 || pos >= out.size() || seen.at(pos))
            continue;
        seen[pos] = true;
        SyncOutcome &o = out[pos];
        const QString status = entry.value(QStringLiteral("status")).toString();
        if (status == u"created" || status == u"added")
            o.status = Status::Created;
        else if (status == u"updated")
            o.status = Status::Updated;
        else
            o.status = Status::Skipped;
        o.id = entry.contains(QStringLiteral("id")) ? entry.value(QStringLiteral("id"))
                                                    : entry.value(QStringLiteral("marketoGUID"));
        const QJsonArray reasons = entry.contains(QStringLiteral("reasons"))
                ? entry.value(QStringLiteral("reasons")).toArray()
                : QJsonArray{entry.value(QStringLiteral("reason"))};
        for (const QJsonValue &rv : reasons) {
            const QJsonObject r = rv.toObject();
            if (r.isEmpty())
                continue;
            const QJsonValue code = r.value(QStringLiteral("code"));
            o.reasons << RecordReason{code.isString() ? code.toString()
                                                      : QString::number(code.toInt()),
                                      r.value(QStringLiteral("message")).toString()};
        }
        if (o.status == Status::Skipped && o.reasons.isEmpty())
            o.reasons << RecordReason{QString(), tr("status \"%1\" without a reason").arg(status)};
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (seen.at(i))
            continue;
        out[i].status = Status::Failed;
        out[i].requestError.kind = net::ApiError::Kind::BadResponse;
        out[i].requestError.code = QStringLiteral("missing result");
        out[i].requestError.serverMessage = tr("Marketo returned no result for this record");
    }
    return out;
}

int SyncReport::count(SyncOutcome::Status status) const
{
    int n = 0;
    for (const SyncOutcome &o : outcomes)
        n += o.status == status ? 1 : 0;
    return n;
}

QList<int> SyncReport::pendingIndices() const
{
    QList<int> out;
    for (const SyncOutcome &o : outcomes)
        if (o.status == SyncOutcome::Status::NotSent || o.status == SyncOutcome::Status::Failed)
            out << o.index;
    return out;
}

QString SyncReport::summary() const
{
    QStringList parts;
    parts << tr("%1 created").arg(count(SyncOutcome::Status::Created))
          << tr("%1 updated").arg(count(SyncOutcome::Status::Updated))
          << tr("%1 skipped").arg(count(SyncOutcome::Status::Skipped));
    if (const int failed = count(SyncOutcome::Status::Failed))
        parts << tr("%1 failed").arg(failed);
    if (const int pending = count(SyncOutcome::Status::NotSent))
        parts << tr("%1 not sent").arg(pending);
    QString text = parts.join(QStringLiteral(", "));
    if (error.isError())
        text += QStringLiteral("; ") + error.message();
    return text;
}

} // namespace msi::marketo
