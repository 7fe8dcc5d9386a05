#pragma once
/// Table of confidence signals: Spearman rho and p, AUROC with CI, ECE (one row per signal).
#include <QAbstractTableModel>
#include <vector>

#include "widgets/view_data.h"

namespace srs::models {

class ConfidenceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Signal, Spearman, SpearmanP, Auroc, AurocCi, Ece, ColumnCount };
    /// Role returning the raw double of numeric columns (for sorting and tests).
    static constexpr int ValueRole = Qt::UserRole + 1;

    explicit ConfidenceTableModel(QObject* parent = nullptr);
    void setSignals(const std::vector<widgets::ConfidenceSignal>& entries);
    /// Tells views the (translated) headers changed.
    void retranslate() { emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString name;
        double spearman, spearmanP, auroc, aurocLow, aurocHigh, ece;
    };
    std::vector<Row> m_rows;
};

}  // namespace srs::models
