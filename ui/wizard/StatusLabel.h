#pragma once

#include <QLabel>

namespace msi::ui {

// A word-wrapped line that says how a check went, with a symbol and colour that do not rely on
// colour alone (✔ / ✖ / ⚠ / …) and an accessible description that repeats the state.
class StatusLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusLabel)
public:
    enum class State { Idle, Busy, Ok, Warning, Error };
    Q_ENUM(State)

    explicit StatusLabel(QWidget *parent = nullptr);
    void setState(State state, const QString &text);
    State state() const { return m_state; }

    static QString symbol(State state);
    static QString color(State state);

private:
    State m_state = State::Idle;
};

} // namespace msi::ui
