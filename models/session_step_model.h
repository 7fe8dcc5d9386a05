#pragma once
/// Table model of a session's steps for the session panel: one row per step, columns
/// step id, kind, label, status, started, ended, note. Label and note are editable (rename,
/// annotate); an edit is reported through stepEdited() and applied by whoever owns the
/// session (the model holds plain rows, no session logic). The tooltip of a row lists the
/// step's parameters, inputs, outputs and model with their fingerprints.
#include <QAbstractTableModel>
#include <QString>
#include <QStringList>
#include <vector>

namespace srs::models {

struct SessionStepRow {
    QString id, kind, label, status, started, ended, note;
    QString details;  ///< tooltip text: parameters, inputs/outputs with fingerprints
};

class SessionStepModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Kind, Label, Status, Started, Ended, Note, ColumnCount };
    enum Role { StepIdRole = Qt::UserRole + 1 };

    explicit SessionStepModel(QObject* parent = nullptr);

    /// Replaces every row: a reset, or dataChanged when the step ids are unchanged.
    void setRows(std::vector<SessionStepRow> rows);
    const std::vector<SessionStepRow>& rows() const { return m_rows; }
    /// Row of step `id`, -1 if absent.
    int rowOf(const QString& id) const;
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    /// Label / Note columns: emits stepEdited(id, column, text) and updates the row.
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    void stepEdited(const QString& stepId, int column, const QString& text);

private:
    std::vector<SessionStepRow> m_rows;
};

}  // namespace srs::models
