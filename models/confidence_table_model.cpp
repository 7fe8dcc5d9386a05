#include "models/confidence_table_model.h"

namespace srs::models {

ConfidenceTableModel::ConfidenceTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfidenceTableModel::setSignals(const std::vector<widgets::ConfidenceSignal>& entries) {
    beginResetModel();
    m_rows.clear();
    for (const auto& s : entries)
        m_rows.push_back({QString::fromStdString(s.name), s.spearman, s.spearmanP, s.auroc,
                          s.aurocLow, s.aurocHigh, s.ece});
    endResetModel();
}

int ConfidenceTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConfidenceTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfidenceTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const Row& r = m_rows[static_cast<size_t>(index.row())];
    if (role == ValueRole) {
        switch (index.column()) {
        case Spearman: return r.spearman;
        case SpearmanP: return r.spearmanP;
        case Auroc: return r.auroc;
        case AurocCi: return r.aurocHigh - r.aurocLow;
        case Ece: return r.ece;
        default: return r.name;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Signal)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Signal: return r.name;
    case Spearman: return QString::number(r.spearman, 'f', 3);
    case SpearmanP: return r.spearmanP < 1e-4 ? QString::number(r.spearmanP, 'e', 1)
                                               : QString::number(r.spearmanP, 'f', 4);
    case Auroc: return QString::number(r.auroc, 'f', 3);
    case AurocCi:
        return QStringLiteral("[%1, %2]").arg(r.aurocLow, 0, 'f', 3).arg(r.aurocHigh, 0, 'f', 3);
    case Ece: return QString::number(r.ece, 'f', 3);
    default: return {};
    }
}

QVariant ConfidenceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (section) {
    case Signal: return tr("Signal");
    case Spearman: return tr("Spearman rho");
    case SpearmanP: return tr("p");
    case Auroc: return tr("AUROC");
    case AurocCi: return tr("95% CI");
    case Ece: return tr("ECE");
    default: return {};
    }
}

}  // namespace srs::models
