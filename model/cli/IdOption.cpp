#include "cli/IdOption.h"

namespace msi::cli {

QString IdOption::problem(const QString &option, const QString &value, const core::SalesforceId &id,
                          const QString &noun)
{
    switch (id.status()) {
    case core::SalesforceId::Status::Valid18:
    case core::SalesforceId::Status::Valid15:
        return {};
    case core::SalesforceId::Status::CaseDamaged:
        return tr("%1 '%2' is not a valid %3: its checksum does not match the case of its "
                  "letters (changed by a tool?); the ID it was is probably %4.")
            .arg(option, value, noun, id.id18());
    case core::SalesforceId::Status::BadChecksum:
    case core::SalesforceId::Status::BadLength:
    case core::SalesforceId::Status::BadCharacters:
        break;
    }
    return tr("%1 '%2' is not a valid %3: %4.").arg(option, value, noun, id.explanation());
}

} // namespace msi::cli
