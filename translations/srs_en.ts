<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>srs::app::gui::JobPanel</name>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="67"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="68"/>
        <source>Cancel the selected job (or the only running one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="69"/>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::app::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="97"/>
        <source>Job failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="100"/>
        <source>Job cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="112"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="119"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="120"/>
        <source>&amp;Open Model...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="122"/>
        <source>Open Activation &amp;Cache...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="123"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="126"/>
        <source>&amp;Export Plot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="129"/>
        <source>&amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="133"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="137"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="142"/>
        <source>Next View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="146"/>
        <source>Previous View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="151"/>
        <source>&amp;Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="152"/>
        <source>Cancel All Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="155"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="156"/>
        <source>&amp;About SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="161"/>
        <source>SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="162"/>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="163"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="164"/>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="166"/>
        <source>Open a Hugging Face model folder (File &gt; Open Model...) or drop it on this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="167"/>
        <source>Probe training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="167"/>
        <source>Pruning curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="167"/>
        <source>Ablation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="168"/>
        <source>Neuron-set overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="168"/>
        <source>Dopamine trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="168"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="169"/>
        <source>Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="183"/>
        <source>Open Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="189"/>
        <source>Open Activation Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="191"/>
        <source>HDF5 activation caches (*.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="198"/>
        <source>Opening %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="200"/>
        <source>Inspect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="211"/>
        <source>Loaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="215"/>
        <source>Cannot open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="216"/>
        <location filename="../app/gui/main_window.cpp" line="258"/>
        <source>%1

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="226"/>
        <source>Open cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="257"/>
        <source>Cannot open cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="254"/>
        <source>Added cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="269"/>
        <source>Cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="270"/>
        <source>%1: expected a model folder or an activation cache (.h5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="290"/>
        <source>This view has nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="299"/>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="308"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="308"/>
        <source>The translation could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="312"/>
        <source>About SRS Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="313"/>
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
        <location filename="../models/job_list_model.cpp" line="77"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="78"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="79"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="84"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="85"/>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="86"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="87"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="88"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="129"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="130"/>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="131"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="132"/>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="133"/>
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
        <location filename="../models/workspace_model.cpp" line="105"/>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::AblationHeatmapView</name>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="17"/>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="43"/>
        <source>Run an ablation sweep to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="61"/>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="71"/>
        <source>Ablated layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="72"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="73"/>
        <source>Accuracy change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="100"/>
        <source>Layer %1, %2
accuracy %3%, change %4 points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::ConfidenceView</name>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="29"/>
        <location filename="../widgets/confidence_view.cpp" line="64"/>
        <source>Compare confidence signals to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="65"/>
        <source>Signal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="66"/>
        <source>Signal (scaled to [0, 1])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="67"/>
        <source>Correct (0/1, spread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="68"/>
        <source>Mean predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="69"/>
        <source>Observed accuracy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::DopamineTraceView</name>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="20"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="56"/>
        <source>Train a value probe and open a response to see its dopamine trace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="57"/>
        <source>Colour tokens by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="58"/>
        <source>Token index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="59"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="62"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="113"/>
        <source>V(s_t)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="60"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="63"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="117"/>
        <source>delta_t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="73"/>
        <source>delta_t (TD error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="75"/>
        <source>Neuron %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="151"/>
        <source>token %1 &quot;%2&quot; (id %3)
V = %4
delta = %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="159"/>
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
        <location filename="../widgets/iou_matrix_view.cpp" line="39"/>
        <source>Extract neuron sets to compare their overlap here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="40"/>
        <source>Pruning ratio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="91"/>
        <source>IoU (chance %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="93"/>
        <source>ratio %1, chance IoU %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::PlaygroundView</name>
    <message>
        <location filename="../widgets/playground_view.cpp" line="23"/>
        <location filename="../widgets/playground_view.cpp" line="74"/>
        <source>Open a model to use the playground.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="77"/>
        <source>Ask a question, e.g. a GSM8K problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="75"/>
        <source>Question:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="78"/>
        <source>dims, e.g. 3,17,42</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="79"/>
        <source>Zero (ablate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="80"/>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="81"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="82"/>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="76"/>
        <source>Intervention:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="83"/>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="84"/>
        <source>With intervention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="86"/>
        <source>The answer appears here while it is generated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="87"/>
        <source>V(s_t)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="88"/>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::ProbeTrainingView</name>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="9"/>
        <location filename="../widgets/probe_training_view.cpp" line="20"/>
        <source>Train probes to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="21"/>
        <source>Training step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="22"/>
        <source>Loss (solid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="23"/>
        <source>Held-out AUROC (dashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="24"/>
        <location filename="../widgets/probe_training_view.cpp" line="35"/>
        <source>Layer %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>srs::widgets::PruneCurveView</name>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="18"/>
        <location filename="../widgets/prune_curve_view.cpp" line="39"/>
        <source>Train probes and run a pruning sweep to see this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="40"/>
        <source>Log scale: fraction of neurons kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="88"/>
        <source>Layer %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="108"/>
        <source>Fraction of neurons kept (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="112"/>
        <source>Pruning ratio (fraction removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="118"/>
        <source>AUROC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="163"/>
        <source>Layer %1, %2
ratio %3 (kept %4)
AUROC %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="170"/>
        <source> [%1, %2]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
