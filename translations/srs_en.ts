<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>srs::app::gui::JobPanel</name>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="63"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="64"/>
        <source>Cancel the selected job (or the only running one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="65"/>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="84"/>
        <source>Job failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="87"/>
        <source>Job cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="93"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="100"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="101"/>
        <source>&amp;Open Model...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="103"/>
        <source>Open Activation &amp;Cache...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="104"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="107"/>
        <source>&amp;Export Plot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="110"/>
        <source>&amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="114"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="118"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="123"/>
        <source>Next View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="127"/>
        <source>Previous View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="132"/>
        <source>&amp;Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="133"/>
        <source>Cancel All Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="136"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="137"/>
        <source>&amp;About SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="142"/>
        <source>SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="143"/>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="144"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="145"/>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="147"/>
        <source>Open a Hugging Face model folder (File &gt; Open Model...) or drop it on this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="148"/>
        <source>Probe training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="148"/>
        <source>Pruning curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="148"/>
        <source>Ablation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="149"/>
        <source>Neuron-set overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="149"/>
        <source>Dopamine trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="149"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="150"/>
        <source>Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="162"/>
        <source>Open Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="168"/>
        <source>Open Activation Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="170"/>
        <source>HDF5 activation caches (*.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="177"/>
        <source>Opening %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="179"/>
        <source>Inspect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="190"/>
        <source>Loaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="194"/>
        <source>Cannot open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="195"/>
        <source>%1

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="203"/>
        <source>Cannot open cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="203"/>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="209"/>
        <source>Added cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="217"/>
        <source>Cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="218"/>
        <source>%1: expected a model folder or an activation cache (.h5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="238"/>
        <source>This view has nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="247"/>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="256"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="256"/>
        <source>The translation could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="260"/>
        <source>About SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="261"/>
        <source>SRS Workbench %1
Finds the sparse reward subsystem (value and dopamine neurons) in the hidden states of language models.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::SettingsDialog</name>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="15"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="19"/>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="19"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="23"/>
        <source>This build of libtorch has no CUDA support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="24"/>
        <source>Compute device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="27"/>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="29"/>
        <source>CPU threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="35"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::models::ConfidenceTableModel</name>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="56"/>
        <source>Signal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="57"/>
        <source>Spearman rho</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="58"/>
        <source>p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="59"/>
        <source>AUROC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="60"/>
        <source>95% CI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="61"/>
        <source>ECE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::models::JobListModel</name>
    <message>
        <location filename="../models/job_list_model.cpp" line="72"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="73"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="74"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="79"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="80"/>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="81"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="82"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="83"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="124"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="125"/>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="126"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="127"/>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="128"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::models::WorkspaceModel</name>
    <message>
        <location filename="../models/workspace_model.cpp" line="11"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="12"/>
        <source>Activation caches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="13"/>
        <source>Probe results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="14"/>
        <source>Analyses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="15"/>
        <source>Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="100"/>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::AblationHeatmapView</name>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="17"/>
        <source>Run an ablation sweep to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="50"/>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="60"/>
        <source>Ablated layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="61"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="62"/>
        <source>Accuracy change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="89"/>
        <source>Layer %1, %2
accuracy %3%, change %4 points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::ConfidenceView</name>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="29"/>
        <source>Compare confidence signals to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="34"/>
        <source>Signal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="42"/>
        <source>Signal (scaled to [0, 1])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="43"/>
        <source>Correct (0/1, spread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="45"/>
        <source>Mean predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="46"/>
        <source>Observed accuracy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::DopamineTraceView</name>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="19"/>
        <source>Train a value probe and open a response to see its dopamine trace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="24"/>
        <source>Colour tokens by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="34"/>
        <source>Token index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="35"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="88"/>
        <source>V(s_t)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="37"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="92"/>
        <source>delta_t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="98"/>
        <source>delta_t (TD error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="100"/>
        <source>Neuron %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="129"/>
        <source>token %1 &quot;%2&quot; (id %3)
V = %4
delta = %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="137"/>
        <source>
activation (%1) = %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::ExportDialog</name>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="24"/>
        <location filename="../widgets/export_dialog.cpp" line="106"/>
        <source>Export Plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="28"/>
        <source>Plot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="30"/>
        <source>PDF (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="31"/>
        <source>SVG (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="32"/>
        <source>PNG (raster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="33"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="35"/>
        <source>Single column (3.5 in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="36"/>
        <source>Double column (7 in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="37"/>
        <source>Width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="42"/>
        <source> in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="43"/>
        <source>Height:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="47"/>
        <source>PNG resolution (DPI):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="50"/>
        <source>Font:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="54"/>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="55"/>
        <source>Font size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="57"/>
        <source>Okabe-Ito (colour-blind safe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="58"/>
        <source>Every view draws with the Okabe-Ito palette and colour-blind-safe colour scales.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="59"/>
        <source>Palette:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="60"/>
        <source>Also write the data as CSV next to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="65"/>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="68"/>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="70"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="107"/>
        <source>%1 files (*.%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="123"/>
        <source>Replace files?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="124"/>
        <source>These files exist:
%1
Replace them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="133"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::IouMatrixView</name>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="18"/>
        <source>Extract neuron sets to compare their overlap here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="23"/>
        <source>Pruning ratio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="83"/>
        <source>IoU (chance %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="85"/>
        <source>ratio %1, chance IoU %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::PlaygroundView</name>
    <message>
        <location filename="../widgets/playground_view.cpp" line="21"/>
        <source>Open a model to use the playground.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="26"/>
        <source>Ask a question, e.g. a GSM8K problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="28"/>
        <source>Question:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="34"/>
        <source>dims, e.g. 3,17,42</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="36"/>
        <source>Zero (ablate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="37"/>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="38"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="43"/>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="50"/>
        <source>Intervention:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="54"/>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="54"/>
        <source>With intervention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="60"/>
        <source>The answer appears here while it is generated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="64"/>
        <source>V(s_t)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="65"/>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::ProbeTrainingView</name>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="9"/>
        <source>Train probes to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="11"/>
        <source>Training step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="12"/>
        <source>Loss (solid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="14"/>
        <source>Held-out AUROC (dashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="28"/>
        <source>Layer %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::PruneCurveView</name>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="18"/>
        <source>Train probes and run a pruning sweep to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="23"/>
        <source>Log scale: fraction of neurons kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="81"/>
        <source>Layer %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="101"/>
        <source>Fraction of neurons kept (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="105"/>
        <source>Pruning ratio (fraction removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="107"/>
        <source>AUROC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="152"/>
        <source>Layer %1, %2
ratio %3 (kept %4)
AUROC %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="159"/>
        <source> [%1, %2]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
