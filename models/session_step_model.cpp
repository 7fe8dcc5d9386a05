#include "models/session_step_model.h"

namespace srs::models {

SessionStepModel::SessionStepModel(QObject* parent) : QAbstractTableModel(parent) {}

void SessionStepModel::setRows(std::vector<SessionStepRow> rows) {
    bool sameSteps = rows.size() == m_rows.size() && !rows.empty();
    for (std::size_t i = 0; sameSteps && i < rows.size(); ++i) sameSteps = rows[i].id == m_rows[i].id;
    if (sameSteps) {  // the same steps, edited: update in place (no reset under an open editor)
        m_rows = std::move(rows);
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int SessionStepModel::rowOf(const QString& id) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id) return static_cast<int>(i);
    return -1;
}

void SessionStepModel::retranslate() { emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); }

int SessionStepModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SessionStepModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SessionStepModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const auto& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == StepIdRole) return r.id;
    if (role == Qt::ToolTipRole) return r.details;
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    switch (index.column()) {
    case Id: return r.id;
    case Kind: return r.kind;
    case Label: return r.label;
    case Status: return r.status;
    case Started: return r.started;
    case Ended: return r.ended;
    case Note: return r.note;
    default: return {};
    }
}

QVariant SessionStepModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Id: return tr("Step");
    case Kind: return tr("Kind");
    case Label: return tr("Label");
    case Status: return tr("Status");
    case Started: return tr("Started");
    case Ended: return tr("Ended");
    case Note: return tr("Note");
    default: return {};
    }
}

Qt::ItemFlags SessionStepModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Label || index.column() == Note) f |= Qt::ItemIsEditable;
    return f;
}

bool SessionStepModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::EditRole || index.row() >= rowCount()) return false;
    if (index.column() != Label && index.column() != Note) return false;
    auto& r = m_rows[static_cast<std::size_t>(index.row())];
    const QString text = value.toString();
    (index.column() == Label ? r.label : r.note) = text;
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    emit stepEdited(r.id, index.column(), text);
    return true;
}

}  // namespace srs::models
