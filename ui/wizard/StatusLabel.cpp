#include "ui/wizard/StatusLabel.h"

namespace msi::ui {

StatusLabel::StatusLabel(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFocusPolicy(Qt::NoFocus);
    setState(State::Idle, QString());
}

QString StatusLabel::symbol(State state)
{
    switch (state) {
    case State::Idle: return QString();
    case State::Busy: return QStringLiteral("…");
    case State::Ok: return QStringLiteral("✔");
    case State::Warning: return QStringLiteral("⚠");
    case State::Error: return QStringLiteral("✖");
    }
    return {};
}

QString StatusLabel::color(State state)
{
    switch (state) {
    case State::Ok: return QStringLiteral("#1b6e20");
    case State::Warning: return QStringLiteral("#8a5300");
    case State::Error: return QStringLiteral("#b00020");
    default: return QString();
    }
}

void StatusLabel::setState(State state, const QString &text)
{
    m_state = state;
    const QString sym = symbol(state);
    setText(text.isEmpty() ? QString() : (sym.isEmpty() ? text : sym + u' ' + text));
    const QString c = color(state);
    setStyleSheet(c.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(c));
    setAccessibleDescription(text);
    setVisible(!text.isEmpty());
}

} // namespace msi::ui
