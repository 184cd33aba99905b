#pragma once

#include <QByteArray>

namespace msi::salesforce {

// The org's API usage from the Sforce-Limit-Info header: "api-usage=10018/100000" (calls used in
// the rolling 24 hours / allocation), optionally "; api-bursts=1/750".
struct LimitInfo final
{
    int used = -1;
    int max = -1;
    bool isValid() const { return used >= 0 && max > 0; }
    static LimitInfo parse(const QByteArray &header);
};

} // namespace msi::salesforce
