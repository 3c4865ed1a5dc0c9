"""The sentences and headings the report pages print, in Chinese and English, by page module.

:data:`helpers.pages.i18n.WORDS` takes them in (one dictionary: :func:`~helpers.pages.i18n.t` and
:func:`~helpers.pages.i18n.pair` read it); they sit here only to keep i18n.py short. ``{name}`` fields are
filled with ``str.format``.
"""

PAGE_WORDS = {
    # helpers.pages.plots (legends and axis words) and helpers.pages.figdata (alt text)
    "plots_log_scale": ("(对数坐标)", "(log scale)"),
    "plots_event_launch": ("启动", "launch"),
    "plots_event_coverage": ("宣布全覆盖", "full coverage claimed"),
    "plots_event_target": ("目标年份", "target year"),
    "plots_prediction_interval": ("预测区间", "prediction interval"),
    "plots_linear_trend": ("线性趋势", "linear trend"),
    "alt_comma": ("，", ", "),
    # helpers.pages.views.common
    "common_name_inputs_rule_that": ("{name}: 计算来源与纳入规则",
                                     "{name}: inputs and the rule that admitted each row"),
    "common_name_derived_from_numerator": ("{name}(派生: 分子与分母为同一地点、同一范围、同一时期的数字;每行的纳入规则见下表)",
                                           ("{name} (derived from a numerator and denominator of the same place, coverage and period; "
                                            "each row's rule below)")),
    "common_name_each_models_figure": ("{name}: 各模式本地区(全域或整个项目)的数字;灰色斜体为缺口",
                                       ("{name}: each model's figure for its own region (whole place or whole programme); grey "
                                        "italics mark a gap")),
    "common_ratios_exceed": (("{n} "
                              "个比率超过100%、为流量除以某一时点存量的近似值,或以项目数字除以全地区的分母,不画入图中、不排名,见下表的分子、分母、日期与标记。"),
                             ("{n} ratio(s) exceed 100 %, divide a flow by a stock at one date (approximate) or divide "
                              "one programme's count by the whole place: kept out of the chart and never ranked; see the "
                              "numerator, denominator, dates and flags below.")),
    "common_no_model_has_figure": ("没有任何模式有本地区数字。",
                                   "no model has a figure for its own region."),
    # helpers.pages.views.dataquality
    "dataquality_coverage_heading": ("覆盖矩阵", "Coverage matrix"),
    "dataquality_coverage_title": ("各模式各维度的数字条数", "Figures per model and dimension"),
    "dataquality_coverage_caption": ("已报告数字按维度计数;目标、标准与原文缺失另列",
                                     ("Reported figures by dimension; targets, standards and figures lost in the "
                                      "source counted apart")),
    "dataquality_qualifiers_heading": ("限定词构成", "Qualifier mix"),
    "dataquality_qualifiers_title": ("限定词构成(确数/下限/约数/区间)", "Qualifier mix"),
    "dataquality_qualifiers_caption": ("各模式数字中确数、下限、约数、区间所占比例",
                                       "Share of exact figures, lower bounds, approximations and ranges per model"),
    "dataquality_data_quality_sources": ("数据质量与来源",
                                         "Data quality and sources"),
    "dataquality_dataset_holds": (("数据集共 {n_figures} 条数字,来自 {n_sources} 个来源,涉及 {n_models} 个模式;其中 {n_missing} "
                                   "条在原文中缺失(数字被删)。缺口本身就是发现。"),
                                  ("The dataset holds {n_figures} figures from {n_sources} sources on {n_models} models; {n_missing} of them lost "
                                   "their digits in the source. The gaps are findings.")),
    "dataquality_figures_lost_source": ("原文缺失的数字",
                                        "Figures lost in the source"),
    "dataquality_only_measure_word_survives": ("这些数字在原文中只剩量词(如“个街道”“不少于平方米”),按缺失记录,不作猜测。",
                                               ("Only the measure word survives in the source (e.g. 个街道, 不少于平方米); they "
                                                "are recorded as missing, never guessed.")),
    "dataquality_marked_coder_as_conflicting": ("编码时标为互相冲突",
                                                "marked by the coder as conflicting"),
    "dataquality_same_indicator_place_coverage": ("同一指标、地点、范围与日期,数值不同",
                                                  "same indicator, place, coverage and date, different values"),
    "dataquality_conflicting_sources": ("来源之间的冲突",
                                        "Conflicting sources"),
    "dataquality_real_conflicts_only_rows": (("只列真正的冲突:编码时标为互相冲突的记录(包括站数多于乡镇数),以及同一指标、地点、范围和日期而数值不同的数字;同一读数的重复不算冲突。两边"
                                              "都保留。"),
                                             ("Real conflicts only: rows the coder marked as conflicting (including more stations than "
                                              "townships), and figures for the same indicator, place, coverage and date that differ; "
                                              "copies of one reading are not conflicts. Both sides are kept.")),
    "dataquality_all_sources": ("全部来源",
                                "All sources"),
    "dataquality_value_townships_as_source": ("乡镇(街道)数 {value} ({as_of}) [{source}]",
                                              "{value} townships ({as_of}) [{source}]"),
    "dataquality_why_listed": ("为何列入",
                               "Why listed"),
    "dataquality_conflicting_pairs": ("{n} 对冲突",
                                      "{n} conflicting pair(s)"),
    "dataquality_id": ("编号",
                       "id"),
    # helpers.pages.views.dimension
    "dimension_comparison_dimension_name": ("维度比较:{name}",
                                            "Comparison by dimension: {name}"),
    "dimension_first_each_models_figure": (("先列各模式本地区的数字(全省、全市……,覆盖全域或整个项目),县、市和站点的数字作为地方证据另列;再列可比的派生比率。不同年份、层级、累计与"
                                            "年度的数字不能直接相比,每张图下给出可比性提示。"),
                                           ("First each model's figure for its own region (province, city ..., whole place or whole "
                                            "programme), with county, city and site figures shown apart as local evidence; then ratios "
                                            "where the data allow. Figures from different years, levels, or cumulative versus annual "
                                            "are not directly comparable: each chart lists its comparability warnings.")),
    "dimension_what_data_can_answer": ("数据能回答什么",
                                       "What the data can answer"),
    "dimension_level_matched_comparison": ("按层级比较",
                                           "Level-matched comparison"),
    "dimension_raw_figures": ("原始数字",
                              "Raw figures"),
    "dimension_normalised_comparison": ("标准化比较",
                                        "Normalised comparison"),
    "dimension_all_figures": ("全部数字",
                              "All figures"),
    "dimension_models_figures_at_same": ("同一层级的各模式数字",
                                         "The models' figures at the same level"),
    "dimension_data_do_not_yet": ("现有数据不足以计算该维度的可比比率。",
                                  "The data do not yet allow a comparable ratio on this dimension."),
    "dimension_indicators_own_region_figure": ("以下指标不足两个模式有本地区数字,无法横向比较: ",
                                               "Indicators with an own-region figure for fewer than two models (no comparison possible): "),
    "dimension_at_no_level_do": ("没有哪个层级有两个以上模式的同一比率。",
                                 "At no level do two or more models have the same ratio."),
    # helpers.pages.views.overview
    "overview_township_social_work_station": ("乡镇(街道)社工站模式总览",
                                              "Township social work station models: an overview"),
    "overview_this_report_compares_regional": (("本报告比较各地社工站模式的运营方式、层级、启动时间与覆盖情况,并列出每个模式的核心数字。每个数字都注明来源与原文;下限、约数、区间与目标以不"
                                                "同样式显示,原文缺失的数字标为缺口。"),
                                               ("This report compares the regional models of township social work stations by operating "
                                                "mode, level, launch and coverage, with each model's headline figures. Every figure cites "
                                                "its source and quote; lower bounds, approximations, ranges and targets are drawn "
                                                "differently, and figures lost in the source are shown as gaps.")),
    "overview_typology": ("模式类型",
                          "Typology"),
    "overview_timeline": ("时间线",
                          "Timeline"),
    "overview_headline_figures": ("核心数字",
                                  "Headline figures"),
    "overview_each_cell_models_figure": (("每格为该模式本地区(全国、全省、全市……)覆盖全域或整个项目的数字(≥ 为下限,≈ "
                                          "为约数);没有这样的数字时写明缺口,县、市或站点的数字不计入。"),
                                         ("Each cell is the model's figure for its own region (country, province, city ...) covering "
                                          "the whole place or the whole programme (≥ lower bound, ≈ approximate); where there is "
                                          "none the cell states the gap; figures for a county, city or site inside the region are "
                                          "not used.")),
    "overview_number_stations": ("社工站数量",
                                 "Number of stations"),
    "overview_operating_mode_level_framework": ("各模式的运营方式、层级与框架",
                                                "Operating mode, level and framework of each model"),
    "overview_launch_coverage_timeline": ("启动与全覆盖时间线",
                                          "Launch and coverage timeline"),
    "overview_launch_year_year_full": ("各模式启动年份、宣布全覆盖年份与覆盖目标年份",
                                       "Launch year, year full coverage was claimed, and coverage target year of each model"),
    "overview_headline_figures_model": ("各模式核心数字",
                                        "Headline figures by model"),
    "overview_no_source_gives_launch": ("来源未给出启动年份: ",
                                        "No source gives a launch year for: "),
    # helpers.pages.views.profile
    "profile_model_profile_name": ("模式档案:{name}",
                                   "Model profile: {name}"),
    "profile_figures_dimension": ("各维度数字",
                                  "Figures by dimension"),
    "profile_against_other_models": ("与其他模式比较",
                                     "Against the other models"),
    "profile_figures_lost": ("{n} 个数字在原文中缺失(数字被删),记录为缺口而非猜测。",
                             "{n} figure(s) lost their digits in the source; recorded as gaps, not guessed."),
    "profile_ratio_rank": ("{ratio}: 在 {n_models} 个有本地区比率的模式中排第 {rank}(按中位数;不同层级、年份的地区并列,仅供参考)。",
                           ("{ratio}: rank {rank} of {n_models} models with a ratio for their own region (by median; places "
                            "of different levels and years, indicative only).")),
    "profile_this_model_has_no": ("该模式没有可与其他模式直接比较的数字。",
                                  "This model has no figure directly comparable with other models."),
    "profile_highlighted_orange": (" 以橙色标出",
                                   " highlighted in orange"),
    "profile_no_figure_sources": ("来源中没有该维度的数字。",
                                  "no figure in the sources."),
    # helpers.pages.views.provinces
    "provinces_provincial_panel_how_each": ("省级面板:各省如何建设社工站",
                                            "The provincial panel: how each province built its stations"),
    "provinces_this_report_sets_n": (("本报告并列 {n} "
                                      "个省级模式。面板只收全省数字(覆盖全省或全省项目);市、县和站点的数字在最后按省列出,不进入面板、不参与比较。没有全省数字的格子写明“未找到"
                                      "”。"),
                                     ("This report sets {n} province-level models side by side. The panel holds province-wide "
                                      "figures only (the whole province or the province's whole programme); city, county and "
                                      "site figures are listed per province at the end and never enter the panel. A cell without "
                                      "a province-wide figure says so.")),
    "provinces_map": ("地图",
                      "Map"),
    "provinces_panel": ("面板",
                        "Panel"),
    "provinces_where_we_know_what": ("已知与未知",
                                     "Where we know what"),
    "provinces_city_county_site_figures": ("市、县与站点的数字(不进入面板)",
                                           "City, county and site figures (not in the panel)"),
    "provinces_province_wide_figure": ("全省数字",
                                       "Province-wide figure"),
    "provinces_name_each_provinces_province": ("{name}:各省全省数字(灰色为未找到);轮廓为以市、县为单位的模式",
                                               ("{name}: each province's province-wide figure (grey: none found); outlines mark models "
                                                "based in a city or county")),
    "provinces_province_wide_figures_each": ("各省级模式的全省数字",
                                             "Province-wide figures of each province-level model"),
    "provinces_small_multiples_province_wide": ("小多图:各省全省数字(灰色“未找到”的原因见上表)",
                                                ("Small multiples: province-wide figures (for why a province shows 'not found', see the "
                                                 "table above)")),
    "provinces_where_we_know_what_2": ("已知什么:各省各维度有全省数字的指标数",
                                       "Where we know what: indicators with a province-wide figure"),
    "provinces_0_means_no_province": ("0 表示该维度没有任何全省数字",
                                      "0 means no province-wide figure on that dimension"),
    "provinces_local_evidence_province": ("地方证据,按省列出",
                                          "Local evidence, by province"),
    "provinces_no_province_wide_figure": ("以下省级模式没有任何全省数字:",
                                          "No province-wide figure at all for: "),
    # helpers.pages.views.statistics
    "statistics_trend_reaches_cap": (("按线性趋势外推,约在 {reach:.1f} 年达到推算的乡镇总数(约 {cap}),此后不可能再增加;"
                                      "实际增长会在接近全覆盖时放缓,线性趋势不适合预测最后阶段。"),
                                     ("The linear trend reaches the implied township total (about {cap}) around "
                                      "{reach:.1f}; stations cannot grow past it, and real growth slows near full "
                                      "coverage, so a straight line cannot forecast the last stretch. ")),
    "statistics_trend_at_goal": ("按线性趋势外推,到2025年底约为 {mean}(95% 预测区间 {low}–{high})。",
                                 ("Extrapolating the linear trend gives about {mean} by the end of 2025 (95% "
                                  "prediction interval {low}–{high}). ")),
    "statistics_one_per_date": ("每个日期只保留一个观测(重复数据去掉,同日不同来源取平均,年度存量按年底计)。",
                                ("One observation per date (duplicates dropped, same-date sources averaged, "
                                 "year-only stocks placed at year end).")),
    "statistics_lower_bounds_pull_down": ("下限数据(▲)会让趋势偏低。", " Lower-bound points (▲) pull the trend down."),
    "statistics_level_at_start": ("{origin}年初水平", "level at start of {origin}"),
    "statistics_slope_per_year": ("每年增量", "slope (per year)"),
    "statistics_change_per_year": ("每年变化", "change per year"),
    "statistics_only_ratios_each_models": (("只用各模式本地区(全省、全市……)的比率,县、市和站点的比率不计入;每个模式取其派生值的中位数,共 {n_models} "
                                            "个模式。样本极小,且各模式的年份、层级与口径不同;区间只反映这些模式之间的差异,不代表全国。"),
                                           ("Only ratios for each model's own region count (no county, city or site ratios); each "
                                            "model contributes the median of its derived values: {n_models} models. The sample is tiny and "
                                            "the models differ in year, level and scope; the intervals describe spread among these "
                                            "models, not China.")),
    "statistics_points_some_approximate": ("共 {n} 个点,部分为约数或下限;斜率的区间很宽时只能说明方向不明。",
                                           ("{n} points, some approximate or lower bounds; where the slope's interval spans zero the "
                                            "direction is not known.")),
    "statistics_statistics_small_samples": ("统计分析(小样本)",
                                            "Statistics (small samples)"),
    "statistics_series_here_short_2": ("这里的数据点很少(每条序列 2–10 个),且部分是下限(“余”)。线性趋势只用于说明方向和不确定性,不用于精确预测;不做显著性检验的筛选。",
                                       ("The series here are short (2 to 10 points) and some points are lower "
                                        "bounds (余). Linear trends show direction and uncertainty, not precise "
                                        "forecasts; no significance testing is fished for.")),
    "statistics_coverage_against_goal": ("覆盖率与目标",
                                         "Coverage against the goal"),
    "statistics_between_two_dated_figures": (("两个时点({first_date}: {first_value:g}%,{last_date}: {last_value:g}%)之间每年约增加 {per_year:.0f} 个百分点;若按此速度,约在 "
                                              "{reach:.1f} 年达到 100%。只有两个点,不拟合模型、不给区间。"),
                                             ("Between the two dated figures ({first_date}: {first_value:g}%, {last_date}: {last_value:g}%) coverage rose about "
                                              "{per_year:.0f} points a year; at that pace it would reach 100% around {reach:.1f}. With "
                                              "two points no model is fitted and no interval given.")),
    "statistics_across_models_label": ("跨模式比率:{label}",
                                       "Across models: {label}"),
    "statistics_robust_means_interval_runs": (" 稳健均值的区间含负值:样本太小且离群值大,该区间不可作解释。",
                                              (" The robust mean's interval runs below zero: with so few models and a large outlier it "
                                               "cannot be interpreted.")),
    "statistics_estimate": ("估计量",
                            "estimate"),
    "statistics_ci_low": ("区间下限",
                          "CI low"),
    "statistics_ci_high": ("区间上限",
                           "CI high"),
    "statistics_n_models": ("模式数",
                            "n models"),
    "statistics_name_china_over_time": ("全国{name}随时间的变化",
                                        "{name} in China over time"),
    "statistics_name_only_dated": ("{name}: 只有 {n} 个带日期的数字,不足以拟合趋势。",
                                   "{name}: only {n} dated figure(s); too few to fit a trend."),
    "statistics_township_total_implied": ("乡镇(街道)总数(推算)",
                                          "township total (implied)"),
    "statistics_repeated_restated_figures_left": ("未计入趋势的重复或重报数字: {figures}",
                                                  "Repeated or restated figures left out of the trend: {figures}"),
    "statistics_ols_value_year": ("最小二乘回归: 数值 ~ 年份",
                                  "OLS: value ~ year"),
    "statistics_ols_fit": ("回归拟合",
                           "OLS fit"),
    "statistics_median_bootstrap_95_ci": ("中位数(自助法95%区间)",
                                          "median (bootstrap 95% CI)"),
    "statistics_huber_robust_mean_95": ("Huber稳健均值(95%区间)",
                                        "Huber robust mean (95% CI)"),
    "statistics_bootstrap_seed_20201_5000": ("自助法(种子20201,重抽样5000次)与稳健回归(Huber)",
                                             "Bootstrap (seed 20201, 5000 resamples) and RLM(HuberT)"),
    "statistics_ols_ratio_year": ("最小二乘回归: 比率 ~ 年份",
                                  "OLS: ratio ~ year"),
    "statistics_no_source_dataset_gives": ("数据集中没有全国乡镇(街道)总数的来源;由同一日期的站数除以覆盖率推算约为 {townships} 个。站数不可能超过乡镇数,因此预测值和区间在此封顶。",
                                           ("No source in the dataset gives China's number of townships and streets; same-date station "
                                            "counts divided by coverage imply about {townships}. Stations cannot outnumber townships, so the "
                                            "forecast and its interval are capped there.")),
    "statistics_no_township_total_given": ("没有乡镇总数,也无法由覆盖率推算,因此不给出站数预测的上限。",
                                           "No township total, given or implied: the forecast has no ceiling."),
    "statistics_national_figures_linear_trend": ("全国数字、线性趋势与预测区间",
                                                 "national figures, linear trend and prediction interval"),
    "statistics_goal": ("目标: {goal} (到 {year} 年,来源 {source_id}:“{quote}”)",
                        "Goal: {goal} by {year} (source {source_id}: “{quote}”)"),
    "statistics_fewer_than_3_models": ("少于3个模式有该比率(本地区、可排名的共 {n} 个:{have}),n 太小,不做跨模式估计。",
                                       ("Fewer than 3 models have this ratio (for their own region and rankable: {n}: {have}); n "
                                        "is too small for a cross-model estimate.")),
    "statistics_only_dated_national": ("只有 {n} 个带日期的全国比率,n 太小,不拟合趋势。",
                                       "Only {n} dated national ratio(s): n is too small to fit a trend."),
    # helpers.pages.views.three
    "three_core_indicators_missing": (("在 {n_indicators} 项核心指标中,这些模式合计有 {missing} 格(占 {share:.0%})没有本地区的已报告数字。✓ 已报告,◎ "
                                       "仅有目标,◇ 只有地方或部分数字,§ 只有标准(要求),✗ 原文缺失,— 未找到。"),
                                      ("Of {n_indicators} core indicators, {missing} model-indicator cells ({share:.0%}) have no reported "
                                       "figure for the model's own region. ✓ reported, ◎ target only, ◇ local or partial figures "
                                       "only, § only a standard (a requirement), ✗ lost in source, — nothing found.")),
    "three_models_compared_names": ("模式比较:{names}",
                                    "Models compared: {names}"),
    "three_side_side_table_comes": (("先看并列总表:每格是该模式本地区(全省、全市……)覆盖全域或整个项目的数字,注明年份、范围与来源;没有这样的数字时写明“未找到”,县、市或单"
                                     "个站点的数字只作为地方证据另列,不代表整个模式。"),
                                    ("The side-by-side table comes first: each cell is the model's figure for its own region "
                                     "(province, city ...) covering the whole place or the whole programme, with its year, "
                                     "coverage and source; where there is none the cell says so, and figures for a county, a "
                                     "city or one station are shown apart as local evidence, never as the model's figure.")),
    "three_side_side": ("并列总表",
                        "Side by side"),
    "three_what_data_cannot_yet": ("数据尚不能回答的问题",
                                   "What the data cannot yet tell"),
    "three_level_matched_staffing_per": ("按层级比较:每站人员",
                                         "Level-matched: staffing per station"),
    "three_design_scale_staffing_funding": ("设计、规模、人员、资金与产出:各模式本地区数字或缺口",
                                            "Design, scale, staffing, funding and outputs: each model's own figure or its gap"),
    "three_indicator_availability_own_region": ("指标可得性(本地区数字)",
                                                "Indicator availability (own-region figures)"),
    "three_per_resident_per_station": ("每名居民、每个站、每名社工、每元钱",
                                       "Per resident, per station, per worker, per yuan"),
    "three_only_each_models_ratios": (("下表只列各模式本地区(全省、全市)的派生比率,分子分母为同一地点、同一范围、同一时期;“不排名”表示近似值或超过100%;只有下辖地区有比率"
                                       "时写明地方数,见下方按层级比较。"),
                                      ("Only each model's ratios for its own region (province, city), from a numerator and "
                                       "denominator of the same place, coverage and period; 'not ranked' marks an approximation "
                                       "or a share over 100 %; where only places inside the region have the ratio the cell says "
                                       "how many (see the level-matched comparison below).")),
    "three_each_models_own_region": ("各模式本地区的比率",
                                     "Each model's own-region ratios"),
    "three_staffing_per_station_required": ("每站人员:要求(标准)与实际(按层级)",
                                            "Staffing per station: required (standards) and as found, by level"),
    "three_all_funding_figures_purpose": ("全部资金数字(含用途与出资方)",
                                          "All funding figures (with purpose and payer)"),
    # helpers.pages.compare
    "compare_every_model_has": ("可以并列比较的指标: {names}", "Every model has a figure for: {names}"),
    "compare_but_note": ("(但需注意: {warnings})", " (but note: {warnings})"),
    "compare_warning_sep": (";", "; "),
    "compare_full_stop": ("。", "."),
    "compare_staffing": ("人员",
                         "Staffing"),
    "compare_outputs": ("产出",
                        "Outputs"),
    "compare_design": ("设计",
                       "Design"),
    "compare_no_figure_models_own": ("没有本地区数字的模式: {names}",
                                     "no figure for the model's own region: {names}"),
    "compare_years_differ": ("年份不同: {first}–{last}",
                             "years differ: {first}–{last}"),
    "compare_undated_figure_s_have": ("{undated} 个数字未注明时点",
                                      "{undated} figure(s) have no date"),
    "compare_periods_differ_kinds": ("口径不同 (累计/年度/时点): {kinds}",
                                     "periods differ: {kinds}"),
    "compare_places_at_different_levels": ("地区层级不同: {kinds}",
                                           "places at different levels: {kinds}"),
    "compare_some_targets_not_reported": ("部分为目标而非已报告数字",
                                          "some are targets, not reported figures"),
    "compare_includes_lower_bounds_approximations": ("含下限、约数或区间,不是确数",
                                                     "includes lower bounds, approximations or ranges, not exact figures"),
    "compare_text": ("。",
                     "."),
    "compare_no_indicator_this_dimension": ("这一维度没有所有模式都具备本地区数字的指标,不能据此排序或下结论。",
                                            ("No indicator of this dimension has a figure for every model's own region: the models "
                                             "cannot be ranked on it.")),
    "compare_see_below": ("(见下方)",
                          " (see below)"),
    "compare_local_evidence_only_ev": (",只有地方证据({ev})",
                                       "; local evidence only ({ev})"),
    "compare_text_2": ("; ",
                       "; "),
    # helpers.pages.panel
    "panel_coverage_stations_townships_derived": ("覆盖率(站数/乡镇数,推算)",
                                                  "Coverage (stations / townships, derived)"),
    "panel_workers_per_station_derived": ("每站社工(推算)",
                                          "Workers per station (derived)"),
    "panel_funding_per_station_derived": ("每站资金(推算)",
                                          "Funding per station (derived)"),
    "panel_under_90": ("低于90%",
                       "under 90%"),
    "panel_upper_third": ("较高",
                          "upper third"),
    "panel_middle_third": ("中等",
                           "middle third"),
    "panel_lower_third": ("较低",
                          "lower third"),
    # helpers.pages.figdata
    "figdata_rows_in_all": ("{sep}……共 {n} 行",
                            "{sep}… {n} rows in all"),
}
