#pragma once

#include <QString>

namespace msi::sandbox {

class MarketoState;
class OrgState;

// Reads a seed folder shaped like the bundled sample org (salesforce/<Type>.json arrays of query
// records, marketo/<entity>.json arrays of REST results) into the two stores.
class SeedLoader final
{
public:
    // dir: a folder or a Qt resource path such as ":/sample-org".
    static bool load(const QString &dir, OrgState *org, MarketoState *marketo, QString *error);
};

} // namespace msi::sandbox
