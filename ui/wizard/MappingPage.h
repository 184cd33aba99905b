#pragma once

#include <QList>
#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QTableWidget;

namespace msi::setup {
class SetupController;
}

namespace msi::ui {

class StatusLabel;

// Page 5: the proposed default mapping, stage by stage; lines that need a decision or cannot
// work yet are highlighted. The two decisions (a fallback sales person for queue-owned records,
// the optional opportunity fields) are made here and go into the controller's policy. Leaving
// the page saves the workspace (profiles and this mapping in the database, secrets in the
// keychain).
class MappingPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingPage)
public:
    explicit MappingPage(setup::SetupController *controller, QWidget *parent = nullptr);

    void initializePage() override;
    bool validatePage() override;

private:
    void showLines();
    void applyChoices();
    void showSaved(bool ok, const QString &message);

    setup::SetupController *m_controller;
    QTableWidget *m_table;
    QComboBox *m_fallback;
    QWidget *m_opportunityBox;
    QList<QCheckBox *> m_opportunityFields;
    StatusLabel *m_summary;
    StatusLabel *m_saveStatus;
    bool m_filling = false;
    bool m_saving = false;
};

} // namespace msi::ui
