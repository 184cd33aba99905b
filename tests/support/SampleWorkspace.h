#pragma once

// Test helper: a temporary workspace filled with the bundled sample org through the store's own
// API (SeedReader + SnapshotRepository::upsertRecords), with the object types RecordKinds names.

#include "checks/SeedReader.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"

#include <QDir>
#include <QTemporaryDir>

#include <memory>

class SampleWorkspace final
{
public:
    SampleWorkspace()
        : m_workspace(std::make_unique<msi::store::Workspace>(m_dir.filePath(QStringLiteral("test.sqlite"))))
    {
    }

    // False with the reason in error() when anything fails.
    bool fill(const QString &seedDir = QStringLiteral(MSI_SAMPLE_ORG_DIR))
    {
        if (!m_workspace->open(&m_error))
            return false;
        if (!msi::checks::SeedReader::read(seedDir, &m_state, &m_error))
            return false;
        using msi::store::System;
        const struct
        {
            System system;
            const char *type;
            const QList<QJsonObject> &records;
        } sets[] = {
            {System::Salesforce, "User", m_state.sfUsers},
            {System::Salesforce, "Account", m_state.sfAccounts},
            {System::Salesforce, "Contact", m_state.sfContacts},
            {System::Salesforce, "Lead", m_state.sfLeads},
            {System::Salesforce, "Opportunity", m_state.sfOpportunities},
            {System::Salesforce, "OpportunityContactRole", m_state.sfContactRoles},
            {System::Marketo, "salespersons", m_state.mktoSalesPersons},
            {System::Marketo, "companies", m_state.mktoCompanies},
            {System::Marketo, "leads", m_state.mktoLeads},
            {System::Marketo, "opportunities", m_state.mktoOpportunities},
            {System::Marketo, "opportunityRoles", m_state.mktoOpportunityRoles},
        };
        msi::store::SnapshotRepository repository(*m_workspace);
        for (const auto &set : sets) {
            const auto result = repository.upsertRecords(set.system, QString::fromLatin1(set.type), set.records);
            if (!result.ok() || !result.rejected.isEmpty()) {
                m_error = result.error + result.rejected.join(QLatin1Char('\n'));
                return false;
            }
        }
        return true;
    }

    msi::store::Workspace &workspace() { return *m_workspace; }
    const msi::checks::SystemState &state() const { return m_state; }
    const QString &error() const { return m_error; }
    QString path() const { return m_workspace->path(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<msi::store::Workspace> m_workspace;
    msi::checks::SystemState m_state;
    QString m_error;
};
